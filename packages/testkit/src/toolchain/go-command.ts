import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';

/** The oldest Go that builds every pinned module (the Pulumi CLI's go.mod asks for 1.26.6). */
export const MINIMUM_GO = '1.26.6';

/** The installed `go`, run with a fixed environment and its output kept in a log file rather than the terminal. */
export interface GoCommand {
  run(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<string>;
}

/**
 * The `go` on PATH, checked to be new enough. Builds use only the installed toolchain (GOTOOLCHAIN=local: no
 * download of another Go), no cgo (static binaries, as upstream ships them) and no VCS stamping.
 */
export function goCommand(logFile: string, needFor: string): GoCommand {
  const version = installedGoVersion();
  if (version === undefined || compareVersions(version, MINIMUM_GO) < 0) {
    throw new Error(
      `${needFor}, which needs Go ${MINIMUM_GO} or later, and ${version === undefined ? 'there is no go on PATH' : `the go on PATH is ${version}`}. ` +
        'Install Go (https://go.dev/dl, or your package manager) and run again.',
    );
  }
  return {
    run: (args, { cwd, env }) =>
      new Promise((resolve, reject) => {
        appendFileSync(logFile, `\n$ go ${args.join(' ')}   (in ${cwd})\n`);
        const child = spawn('go', args, {
          cwd,
          env: { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: '-mod=mod -buildvcs=false', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          appendFileSync(logFile, chunk);
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => appendFileSync(logFile, chunk));
        child.once('error', reject);
        child.once('close', (code) => {
          if (code === 0) {
            return resolve(stdout);
          }
          const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
          reject(new Error(`go ${args.join(' ')} failed (exit ${code}) in ${cwd}; the last lines of ${logFile}:\n${tail}`));
        });
      }),
  };
}

function installedGoVersion(): string | undefined {
  const result = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } });
  return result.status === 0 ? /^go(\d+\.\d+(?:\.\d+)?)/.exec(result.stdout.trim())?.[1] : undefined;
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) {
    const difference = (x![i] ?? 0) - (y![i] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}
