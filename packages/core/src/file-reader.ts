import { accessSync, constants, readFileSync, statSync } from 'node:fs';

/**
 * The only way discovery touches files, so that tests and other runtimes can inject their own.
 * Failures are Node-style errors: `code` 'ENOENT' means nothing is at the path; any other code means it cannot be read.
 */
export interface FileReader {
  /** Reads a file as UTF-8 text. */
  readText(path: string): string;
  /** Checks that a readable file is at the path, without reading it (the token is read only when it must be). */
  checkReadable(path: string): void;
}

/** Reads the real file system, following symlinks as the kubelet's `..data` layout needs. */
export const nodeFileReader: FileReader = {
  readText: (path) => readFileSync(path, 'utf8'),
  checkReadable: (path) => {
    accessSync(path, constants.R_OK);
    if (!statSync(path).isFile()) {
      throw fileError('EISDIR', `${path} is not a regular file`);
    }
  },
};

/**
 * An in-memory file system for tests and golden vectors: `files` maps absolute paths to contents;
 * `unreadable` lists paths that exist but fail to read, as a file without read permission does.
 */
export function memoryFileReader(files: Readonly<Record<string, string>>, unreadable: readonly string[] = []): FileReader {
  const check = (path: string): void => {
    if (unreadable.includes(path)) {
      throw fileError('EACCES', `permission denied, open '${path}'`);
    }
    if (!Object.hasOwn(files, path)) {
      throw fileError('ENOENT', `no such file or directory, open '${path}'`);
    }
  };
  return {
    readText: (path) => {
      check(path);
      return files[path];
    },
    checkReadable: check,
  };
}

function fileError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}
