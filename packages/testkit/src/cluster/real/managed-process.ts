import { type ChildProcess, spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { registerProcess, unregisterProcess } from './process-registry';

// Nothing a test cluster holds must survive it, so a slow graceful shutdown is not waited for.
const STOP_GRACE_MS = 2_000;

/** A server process of a real cluster, with its output in a log file and its lifetime bounded by the test's. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Resolves when the process has exited, with its exit code (null after a signal). */
  readonly exited: Promise<number | null>;
  /** The end of the log, for error messages. */
  logTail(lines?: number): string;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A worker that exits without its afterAll (a timeout, process.exit) must not leave servers behind.
process.once('exit', () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
});

export function startManagedProcess(name: string, command: string, args: readonly string[], options: { logFile: string; workDir: string }): ManagedProcess {
  const log = openSync(options.logFile, 'a');
  const child = spawn(command, args, { stdio: ['ignore', log, log], env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error(`${name} (${command}) could not be started`);
  }
  running.add(child);
  registerProcess(pid, options.workDir);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      unregisterProcess(pid);
      resolve(code);
    });
  });
  const logTail = (lines = 20) => readFileSync(options.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  return {
    name,
    pid,
    logFile: options.logFile,
    exited,
    logTail,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      child.kill('SIGTERM');
      const grace = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(grace);
    },
  };
}

/** Polls `ready` until it holds; fails early, with the log's end, if the process exits first. */
export async function waitUntilReady(process: ManagedProcess, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void process.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`${process.name} exited (code ${exitCode}) before it was ready; the end of ${process.logFile}:\n${process.logTail()}`);
    }
    if (await ready().catch(() => false)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${process.name} was not ready within ${timeoutMs / 1000} s; the end of ${process.logFile}:\n${process.logTail()}`);
}
