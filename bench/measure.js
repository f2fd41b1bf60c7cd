// Timing and statistics for the benchmarks: wall-clock times with process.hrtime, repeated, interleaved, and reduced
// to medians. Nothing here prints what a measured process writes: a credential's output holds the token.
const { spawn, spawnSync } = require('node:child_process');

/** The middle value (the mean of the two middle ones for an even count). */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The spread of the middle half, to show how noisy a median is. */
function quartiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  return { p25: at(0.25), p75: at(0.75) };
}

/** The median and spread of a variant's run times, and the times themselves in run order (ms, to 0.01). */
function summarize(samples) {
  return {
    median: median(samples),
    ...quartiles(samples),
    min: Math.min(...samples),
    runs: samples.length,
    samples: samples.map((ms) => Math.round(ms * 100) / 100),
  };
}

/** Runs a process to completion, synchronously, and returns its wall time in ms; throws if it fails. */
function timeProcess({ command, args, env, check }) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  verify(command, args, result.status, result.stdout, result.stderr, check);
  return ms;
}

/** The same, asynchronously: for processes that talk to a server living in this process (kubectl). */
function timeProcessAsync({ command, args, env, check }) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      try {
        verify(command, args, status, Buffer.concat(stdout), Buffer.concat(stderr), check);
        resolve(ms);
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** A failed or wrong run must stop the benchmark, not be timed. Only stderr is shown: stdout may hold a token. */
function verify(command, args, status, stdout, stderr, check) {
  if (status !== 0) {
    throw new Error(`${[command, ...args.slice(0, 2)].join(' ')} … exited ${status}: ${String(stderr).trim().slice(0, 500)}`);
  }
  if (check && !check(String(stdout))) {
    throw new Error(`${[command, ...args.slice(0, 2)].join(' ')} … printed something unexpected (not shown: it may hold a token)`);
  }
}

/**
 * Times each variant `runs` times, interleaved (one run of each per round, the order rotated every round) so that
 * a slow spell of the machine falls on all of them alike, after `warmup` untimed rounds.
 */
async function interleave(variants, { runs, warmup = 2, time }) {
  const samples = Object.fromEntries(variants.map((variant) => [variant.id, []]));
  for (let round = -warmup; round < runs; round++) {
    const offset = ((round % variants.length) + variants.length) % variants.length;
    const order = [...variants.slice(offset), ...variants.slice(0, offset)];
    for (const variant of order) {
      const ms = await time(variant);
      if (round >= 0) {
        samples[variant.id].push(ms);
      }
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([id, values]) => [id, summarize(values)]));
}

/** Calls `fn` for about `ms` milliseconds, `rounds` times after a warm-up; the median rate, in calls per second. */
function rate(fn, { rounds = 9, ms = 150, warmupMs = 300 } = {}) {
  const batch = (durationMs) => {
    let calls = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(Math.round(durationMs * 1e6));
    let now = start;
    while (now < end) {
      for (let i = 0; i < 64; i++) {
        fn();
      }
      calls += 64;
      now = process.hrtime.bigint();
    }
    return (calls * 1e9) / Number(now - start);
  };
  batch(warmupMs);
  const rates = Array.from({ length: rounds }, () => batch(ms));
  return { perSecond: median(rates), microseconds: 1e6 / median(rates), rounds };
}

module.exports = { median, summarize, timeProcess, timeProcessAsync, interleave, rate };
