import { readFileSync } from 'node:fs';

/** Whether a process is alive; a killed one that is waiting to be reaped (a zombie) counts as gone. */
export function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
