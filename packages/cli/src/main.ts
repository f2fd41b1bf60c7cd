// The process entry of incluster-kubeconfig: the real argv, env and streams in, an exit code out. Bundled into
// bin/main.js, which bin/incluster-kubeconfig.js (src/launcher.ts) loads.
import { processIo } from './io';
import { runCli } from './program';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  // exitCode rather than exit(): stdout is flushed before the process ends, even into a pipe.
  process.exitCode = code;
});
