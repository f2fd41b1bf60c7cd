import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Owner read and write only: a kubeconfig tells where the cluster is and, embedded, may hold a token. */
export const OUTPUT_FILE_MODE = 0o600;

/**
 * Writes a file so that readers see either the old content or the whole new content, never a part:
 * the text goes to a temporary file in the same directory (so the rename stays on one file system), is flushed
 * to disk, and is renamed over the target. Missing parent directories are created. On any failure the temporary
 * file and the directories this call created are removed, the target is left as it was, and the error is rethrown.
 */
export function writeFileAtomically(path: string, content: string, mode: number = OUTPUT_FILE_MODE): void {
  const target = resolve(path);
  let createdDirectory: string | undefined;
  let temporary: string | undefined;
  let descriptor: number | undefined;
  try {
    createdDirectory = createMissingDirectories(dirname(target));
    // Short, whatever the target's name, and unique per writer without node:crypto, which takes longer to load than
    // the whole render (docs/performance.md): 'wx' below never opens a file that already exists.
    temporary = join(dirname(target), `.incluster-${process.pid}-${Math.floor(Math.random() * 2 ** 48).toString(36)}.tmp`);
    descriptor = openSync(temporary, 'wx', mode);
    // openSync's mode is filtered by the umask; the file must end up exactly 0600 whatever the umask.
    fchmodSync(descriptor, mode);
    writeFileSync(descriptor, content);
    fsyncSync(descriptor);
    closeSync(descriptor);
    descriptor = undefined;
    renameSync(temporary, target);
  } catch (error) {
    bestEffort(() => descriptor !== undefined && closeSync(descriptor));
    bestEffort(() => temporary !== undefined && rmSync(temporary, { force: true }));
    bestEffort(() => createdDirectory !== undefined && rmSync(createdDirectory, { recursive: true, force: true }));
    throw error;
  }
}

/**
 * Creates the missing directories of `dir`, from the top down, one mkdir each, and returns the topmost it created.
 * Not mkdirSync's recursive mode: that reports a read-only file system as ENOENT instead of EROFS, and spins for ever
 * on a path no mkdir can create (under /proc, which answers ENOENT). Here each directory is tried once, and the first
 * failure is the error.
 */
function createMissingDirectories(dir: string): string | undefined {
  const missing: string[] = [];
  for (let current = dir; isMissing(current) && dirname(current) !== current; current = dirname(current)) {
    missing.unshift(current);
  }
  let created = 0;
  try {
    for (const directory of missing) {
      mkdirSync(directory);
      created++;
    }
  } catch (error) {
    bestEffort(() => created > 0 && rmSync(missing[0], { recursive: true, force: true }));
    throw error;
  }
  return missing[0];
}

/** Only a path that certainly does not exist is missing; any other trouble (a file in the way) shows when it is used. */
function isMissing(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) === undefined;
  } catch {
    return false;
  }
}

/** Cleanup after a failure must never hide the failure itself. */
function bestEffort(cleanup: () => unknown): void {
  try {
    cleanup();
  } catch {
    // The original error is the one to report.
  }
}
