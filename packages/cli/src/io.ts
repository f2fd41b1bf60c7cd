import type { Environment } from '@incluster/core';
import { writeStdout } from './stdout';

/**
 * Everything a command needs from its process, passed in so tests can run the whole CLI in-process.
 * stdout carries only data (a kubeconfig, a credential, a checklist, help); stderr carries every diagnostic.
 */
export interface CliIo {
  readonly env: Environment;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The clock for expiry times; the real one unless a test pins it. */
  readonly now?: () => Date;
}

export function currentTime(io: CliIo): Date {
  return io.now ? io.now() : new Date();
}

/** The io of the real process. */
export function processIo(): CliIo {
  return {
    env: process.env,
    stdout: writeStdout,
    stderr: (text) => process.stderr.write(text),
  };
}
