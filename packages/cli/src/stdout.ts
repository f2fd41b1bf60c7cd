import { writeSync } from 'node:fs';

let stream: NodeJS.WriteStream | undefined;
let readerGone = false;

/**
 * Writes to the process's standard output with write(2) on file descriptor 1. process.stdout would first load Node's
 * stream and net modules (for a pipe, as in a Pod) or tty, a few milliseconds of every start (docs/performance.md),
 * for a CLI that prints a few kilobytes and exits. A reader that stops early (`| head`) closes the pipe: the rest has
 * nowhere to go, and that is no error. Should descriptor 1 be non-blocking and full (EAGAIN), the rest goes through
 * process.stdout, which waits for the reader, and so does everything after it, in order.
 */
export function writeStdout(text: string): void {
  if (readerGone) {
    return;
  }
  if (stream !== undefined) {
    stream.write(text);
    return;
  }
  let rest = Buffer.from(text, 'utf8');
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(1, rest));
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (code === 'EPIPE') {
        readerGone = true;
        return;
      }
      if (code !== 'EAGAIN') {
        throw error;
      }
      stream = process.stdout;
      stream.on('error', (streamError: NodeJS.ErrnoException) => {
        if (streamError.code !== 'EPIPE') {
          throw streamError;
        }
      });
      stream.write(rest);
      return;
    }
  }
}
