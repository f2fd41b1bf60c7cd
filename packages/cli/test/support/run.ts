import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runCli } from '../../src';
import { type TokenExpectation, expectNoTokenInOutput } from './token-guard';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions extends TokenExpectation {
  /** The clock for expiry times; the real one unless pinned. */
  readonly now?: Date;
}

/**
 * Runs the CLI in this process, as `incluster-kubeconfig <argv>` would run with this environment, and checks that its
 * output shows no token of any Pod of the test file (support/token-guard.ts).
 */
export async function run(argv: readonly string[], env: Record<string, string | undefined>, options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    ...(options.now ? { now: () => options.now! } : {}),
  });
  expectNoTokenInOutput({ stdout, stderr }, `incluster-kubeconfig ${argv.join(' ')}`, options);
  return { code, stdout, stderr };
}

export const BUILT_BINARY = join(__dirname, '..', '..', 'bin', 'incluster-kubeconfig.js');

/** Copies the built binary (the launcher and the bundle it runs) and package.json (for --version) into `dir`. */
export function copyBuiltBinary(dir: string): string {
  cpSync(dirname(BUILT_BINARY), join(dir, 'bin'), { recursive: true });
  cpSync(join(dirname(BUILT_BINARY), '..', 'package.json'), join(dir, 'package.json'));
  return join(dir, 'bin', basename(BUILT_BINARY));
}

/** Longer than any command takes: a binary still running then is stuck, and is killed so that the test says so. */
const BINARY_TIMEOUT_MS = 20_000;

/** Runs the compiled binary in a child process with only this environment (no shell involved). */
export function runBinary(argv: readonly string[], env: Record<string, string>, expectation: TokenExpectation = {}): RunResult {
  return runToCompletion(process.execPath, [BUILT_BINARY, ...argv], env, expectation);
}

/** Runs a program to completion, failing if it has to be killed after BINARY_TIMEOUT_MS. */
export function runToCompletion(file: string, args: readonly string[], env: Record<string, string>, expectation: TokenExpectation = {}): RunResult {
  const result = spawnSync(file, args, { env, encoding: 'utf8', timeout: BINARY_TIMEOUT_MS });
  if (result.error !== undefined || result.signal !== null) {
    throw new Error(`${file} ${args.join(' ')} did not finish by itself within ${BINARY_TIMEOUT_MS / 1000} s: ${result.error?.message ?? result.signal}`);
  }
  expectNoTokenInOutput(result, `${file} ${args.join(' ')}`, expectation);
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The code from the stable first line of stderr: `incluster-kubeconfig: error <CODE>: <message>`. */
export function errorCode(stderr: string): string | undefined {
  return /^incluster-kubeconfig: error ([A-Z_]+): \S.*$/m.exec(stderr.split('\n')[0])?.[1];
}
