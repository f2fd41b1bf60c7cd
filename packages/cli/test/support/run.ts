import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../src';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process, as `incluster-kubeconfig <argv>` would run with this environment. */
export async function run(argv: readonly string[], env: Record<string, string | undefined>, now?: Date): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    ...(now ? { now: () => now } : {}),
  });
  return { code, stdout, stderr };
}

export const BUILT_BINARY = join(__dirname, '..', '..', 'bin', 'incluster-kubeconfig.js');

/** Runs the compiled binary in a child process with only this environment (no shell involved). */
export function runBinary(argv: readonly string[], env: Record<string, string>): RunResult {
  const result = spawnSync(process.execPath, [BUILT_BINARY, ...argv], { env, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The code from the stable first line of stderr: `incluster-kubeconfig: error <CODE>: <message>`. */
export function errorCode(stderr: string): string | undefined {
  return /^incluster-kubeconfig: error ([A-Z_]+): \S.*$/m.exec(stderr.split('\n')[0])?.[1];
}
