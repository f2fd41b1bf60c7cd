import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { toolchainCacheDir } from './cache-dir';
import { type GoCommand, goCommand } from './go-command';
import { formatDuration, withProgress } from './progress';

/** A binary the tests need at a pinned version, which upstream ships only as a download: so it is built here. */
export interface PinnedBinary {
  readonly name: string;
  readonly version: string;
  /** The variable that names a prebuilt binary instead, such as INCLUSTER_KUBE_APISERVER. */
  readonly envVar: string;
  /**
   * How the binary tells its version: the arguments that make it print it and how the pinned version shows in that
   * output, or (for a plugin that prints none) the text its file embeds.
   */
  readonly versionCheck: { readonly args: readonly string[]; readonly pattern: RegExp } | { readonly embeds: string };
  /** What a cold build costs on a 2-core machine, shown while it runs. */
  readonly expectedBuild: string;
  /** Builds the binary in `workDir` (empty, writable, removed afterwards) and returns the built file's path. */
  build(go: GoCommand, workDir: string): Promise<string>;
}

/** How long a lock may go untouched before another process takes it over: the holder refreshes it every 10 s. */
const STALE_LOCK_MS = 60_000;

/**
 * The path of the binary: the one $envVar names (after checking its version), else the cached build, else a build
 * now. Concurrent callers (Jest workers, two checkouts) take a lock, so the binary is built once; the finished file is
 * renamed into place, so a cached path never holds a half-written binary.
 */
export async function resolvePinnedBinary(binary: PinnedBinary, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const given = env[binary.envVar];
  if (given) {
    return checkGivenBinary(binary, given);
  }
  const dir = join(toolchainCacheDir(env), `${binary.name}-${binary.version}`);
  const path = join(dir, binary.name);
  if (existsSync(path)) {
    return path;
  }
  mkdirSync(dir, { recursive: true });
  const release = await waitForLock(binary, dir);
  try {
    if (!existsSync(path)) {
      await buildInto(binary, dir, path);
    }
  } finally {
    await release();
  }
  return path;
}

async function buildInto(binary: PinnedBinary, dir: string, path: string): Promise<void> {
  const logFile = join(dir, 'build.log');
  writeFileSync(logFile, `${binary.name} ${binary.version}, built ${new Date().toISOString()}\n`);
  const what = `building ${binary.name} ${binary.version} from the Go module proxy (once per version, into ${dir})`;
  const go = goCommand(logFile, `${binary.name} ${binary.version} has to be built (or set ${binary.envVar} to a prebuilt ${binary.version} binary)`);
  const workDir = mkdtempSync(join(dir, '.build-'));
  try {
    const built = await withProgress(what, `${binary.expectedBuild}; log: ${logFile}`, () => binary.build(go, workDir));
    renameSync(built, path);
  } finally {
    // The module cache marks its files read-only; chmod is not needed for rmSync to remove our own work tree.
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function waitForLock(binary: PinnedBinary, dir: string): Promise<() => Promise<void>> {
  const start = Date.now();
  let said = 0;
  for (;;) {
    try {
      return await lock(dir, { realpath: false, stale: STALE_LOCK_MS, update: 10_000, lockfilePath: `${dir}.lock` });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') {
        throw error;
      }
      if (Date.now() - said > 30_000) {
        said = Date.now();
        process.stderr.write(`[incluster toolchain] waiting for another process that is building ${binary.name} ${binary.version}: ${formatDuration(Date.now() - start)} so far\n`);
      }
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

function checkGivenBinary(binary: PinnedBinary, path: string): string {
  const found = reportedVersion(binary, path);
  if (!found.matches) {
    throw new Error(
      `${binary.envVar} is ${path}, which ${found.seen}, but the tests are pinned to ${binary.name} ${binary.version} ` +
        `(packages/testkit/src/toolchain/versions.ts). Point ${binary.envVar} at a ${binary.version} binary, or unset it to have one built.`,
    );
  }
  return path;
}

function reportedVersion(binary: PinnedBinary, path: string): { matches: boolean; seen: string } {
  const check = binary.versionCheck;
  if ('embeds' in check) {
    try {
      return readFileSync(path).includes(check.embeds) ? { matches: true, seen: '' } : { matches: false, seen: `does not embed ${check.embeds}` };
    } catch (error) {
      return { matches: false, seen: `cannot be read (${(error as Error).message})` };
    }
  }
  const result = spawnSync(path, check.args, { encoding: 'utf8', timeout: 30_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error) {
    return { matches: false, seen: `cannot be run (${result.error.message})` };
  }
  return { matches: check.pattern.test(output), seen: `reports ${JSON.stringify(output.split('\n')[0])}` };
}
