// Preloaded with `node -r` into a measured process: writes its peak resident set size (KiB) to fd 3 as it exits.
// The benchmark preloads it into the baseline (`node -e 0`) as well, so that its own small cost cancels out.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  try {
    writeSync(3, `${process.resourceUsage().maxRSS}\n`);
  } catch {
    // fd 3 is not open: not run by the benchmark.
  }
});
