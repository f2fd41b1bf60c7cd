import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * The binary's compile cache: V8's compiled code of the bundle, kept from one run for the next ones, so that a start
 * deserializes it instead of compiling JavaScript (about a third of the CLI's start; docs/performance.md).
 *
 * Node's own module.enableCompileCache (Node 22.1 and later) was measured first: it saves the code V8 compiles when it
 * loads a file, which for a bundle is little more than its top level (37 kB of code for this one), while the functions
 * a command runs are compiled later, on their first call. A cache made when the process exits holds those too (about
 * 190 kB), and vm.Script makes one on every Node this CLI supports.
 */

export interface CompileCacheOptions {
  readonly uid?: number;
  readonly temporaryDirectory?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Where this user's cache lives, or why there is none. */
export type CacheDirectory = { readonly directory: string } | { readonly reason: string };

/** The directory of this user's cache: under the temporary directory, which a Pod can write when HOME cannot be. */
export function compileCacheDirectory(uid: number, temporaryDirectory: string = tmpdir()): string {
  return join(temporaryDirectory, `incluster-kubeconfig-compile-cache-${uid}`);
}

/**
 * This user's cache directory, created with mode 0700 if missing. V8 runs the code it finds there, so it is used only
 * if it is a real directory owned by this user that nobody else can write. NODE_DISABLE_COMPILE_CACHE, Node's own
 * switch, turns it off. Never throws: a read-only or full temporary directory just means no cache.
 */
export function privateCacheDirectory(options: CompileCacheOptions = {}): CacheDirectory {
  const { uid = process.getuid?.(), env = process.env } = options;
  if (env.NODE_DISABLE_COMPILE_CACHE) {
    return { reason: 'NODE_DISABLE_COMPILE_CACHE is set' };
  }
  if (uid === undefined) {
    return { reason: 'no user id to make the cache directory private to' };
  }
  const directory = compileCacheDirectory(uid, options.temporaryDirectory);
  try {
    // Looked at first, created only if missing: a start that finds it pays one system call, and no exception.
    let stat = lstatSync(directory, { throwIfNoEntry: false });
    if (stat === undefined) {
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      stat = lstatSync(directory);
    }
    if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) {
      return { reason: `${directory} is not a directory only this user can write` };
    }
    return { directory };
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

/**
 * Runs a CommonJS bundle as require() would, from the compile cache when it holds this very file's code. An entry is
 * one file per bundle path and Node version; it starts with the bundle's size, inode and change time, so a rebuilt or
 * edited bundle is compiled afresh (V8 itself checks only the length of the source), and V8 rejects code from another
 * V8 or other flags.
 *
 * The code is written on the second run, at exit: making it costs a run about as much as it saves the next one, and a
 * Pod that runs the binary once (an init container, with a fresh /tmp) never has a next one. So the first run only
 * leaves a mark (the key alone), and the run that finds the mark writes the code, once the functions it called are
 * compiled, so that they are in the cache too.
 */
export function runBundle(bundlePath: string, options: CompileCacheOptions = {}): void {
  const env = options.env ?? process.env;
  const debug = /\bincluster-kubeconfig\b/.test(env.NODE_DEBUG ?? '') ? (text: string) => writeSync(2, `incluster-kubeconfig: compile cache: ${text}\n`) : () => undefined;
  const fd = openSync(bundlePath, 'r');
  let source: string;
  let key: Buffer;
  try {
    const stat = fstatSync(fd, { bigint: true });
    key = Buffer.from(`${stat.size}:${stat.ino}:${stat.ctimeNs}\n`);
    source = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  const cache = privateCacheDirectory(options);
  const entry = 'directory' in cache ? join(cache.directory, `${pathHash(bundlePath)}-${process.version}-${process.arch}.v8`) : undefined;
  const found = entry === undefined ? undefined : readEntry(entry, key);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundlePath, cachedData: found?.length ? found : undefined });
  if (entry === undefined) {
    debug(`off: ${'reason' in cache ? cache.reason : ''}`);
  } else if (found === undefined) {
    process.once('exit', () => {
      debug(`first run, marked: ${entry}`);
      writeEntry(entry, key);
    });
  } else if (found.length > 0 && !script.cachedDataRejected) {
    debug(`used ${entry}`);
  } else {
    process.once('exit', () => {
      debug(`${found.length === 0 ? 'written' : 'rejected by V8, written again'}: ${entry}`);
      writeEntry(entry, key, script);
    });
  }
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, require, module, bundlePath, dirname(bundlePath));
}

/** The code of an entry whose key is this bundle's (empty for a mark), or undefined. */
function readEntry(entry: string, key: Buffer): Buffer | undefined {
  try {
    // A first run finds no entry: asked without an exception, which costs more than the question.
    if (statSync(entry, { throwIfNoEntry: false }) === undefined) {
      return undefined;
    }
    const data = readFileSync(entry);
    return data.subarray(0, key.length).equals(key) ? data.subarray(key.length) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The key and the script's code (the key alone for a mark), written beside the entry and renamed over it, so that a
 * process starting meanwhile reads the old entry or the new one.
 */
function writeEntry(entry: string, key: Buffer, script?: Script): void {
  const temporary = `${entry}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, script === undefined ? key : Buffer.concat([key, script.createCachedData()]), { mode: 0o600 });
    renameSync(temporary, entry);
  } catch {
    // A full or read-only disk: the next run compiles again, which is all a missing cache costs.
    rmSync(temporary, { force: true });
  }
}

/** A short name for a path (32-bit FNV-1a): one entry per installed binary, kept apart from another install's. */
function pathHash(path: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
