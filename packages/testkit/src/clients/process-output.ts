import type { ChildProcess } from 'node:child_process';

/** What a child process printed, and how it ended. */
export interface ProcessOutput {
  /** The exit code, or null when a signal ended the process. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Gathers a child's stdout and stderr (spawned with both piped) as text, and resolves once the process has exited
 * and both streams are closed; rejects when the process could not be started.
 */
export function collectOutput(child: ChildProcess): Promise<ProcessOutput> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
