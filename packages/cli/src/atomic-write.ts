import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Owner read and write only: a kubeconfig tells where the cluster is and, embedded, may hold a token. */
export const OUTPUT_FILE_MODE = 0o600;

/**
 * Writes a file so that readers see either the old content or the whole new content, never a part:
 * the text goes to a temporary file in the same directory (so the rename stays on one file system), is flushed
 * to disk, and is renamed over the target. Missing parent directories are created. On any failure the
 * temporary file is removed and the error is rethrown; the target is left as it was.
 */
export function writeFileAtomically(path: string, content: string, mode: number = OUTPUT_FILE_MODE): void {
  const target = resolve(path);
  const directory = dirname(target);
  mkdirSync(directory, { recursive: true });
  // Unique per writer without node:crypto, which takes longer to load than the whole render (docs/performance.md):
  // the pid and a random suffix tell concurrent writers apart, and 'wx' below never opens a file that already exists.
  const temporary = join(directory, `.${basename(target)}.${process.pid}.${Math.floor(Math.random() * 2 ** 48).toString(36)}.tmp`);
  let descriptor: number | undefined;
  try {
    descriptor = openSync(temporary, 'wx', mode);
    // openSync's mode is filtered by the umask; the file must end up exactly 0600 whatever the umask.
    fchmodSync(descriptor, mode);
    writeFileSync(descriptor, content);
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    renameSync(temporary, target);
  } catch (error) {
    if (descriptor !== undefined) {
      closeSync(descriptor);
    }
    rmSync(temporary, { force: true });
    throw error;
  }
}
