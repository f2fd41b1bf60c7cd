import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A record, on disk, of every server process a test started and the directory it works in, so that a crashed test
 * worker leaves nothing behind: Jest's global teardown (reapOrphans) ends the processes of owners that are gone.
 * Owners that are still alive (another test run on the same machine) are left alone.
 */
const REGISTRY_DIR = join(tmpdir(), 'incluster-real-clusters');

interface Entry {
  readonly pid: number;
  readonly owner: number;
  readonly workDir: string;
}

export function registerProcess(pid: number, workDir: string): void {
  mkdirSync(REGISTRY_DIR, { recursive: true });
  writeFileSync(join(REGISTRY_DIR, `${pid}.json`), JSON.stringify({ pid, owner: process.pid, workDir } satisfies Entry));
}

export function unregisterProcess(pid: number): void {
  rmSync(join(REGISTRY_DIR, `${pid}.json`), { force: true });
}

/** Kills the registered processes whose owner has exited, and removes their work directories. */
export function reapOrphans(): number {
  if (!existsSync(REGISTRY_DIR)) {
    return 0;
  }
  let reaped = 0;
  for (const file of readdirSync(REGISTRY_DIR)) {
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(join(REGISTRY_DIR, file), 'utf8'));
    } catch {
      continue;
    }
    if (isAlive(entry.owner)) {
      continue;
    }
    if (isAlive(entry.pid)) {
      process.kill(entry.pid, 'SIGKILL');
      reaped++;
    }
    rmSync(entry.workDir, { recursive: true, force: true });
    rmSync(join(REGISTRY_DIR, file), { force: true });
  }
  return reaped;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
