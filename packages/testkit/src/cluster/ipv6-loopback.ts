import { spawnSync } from 'node:child_process';

/**
 * Whether this machine has IPv6 loopback, answered synchronously so that a suite can mark its IPv6 cases
 * as skipped while it is being defined, rather than pass them silently.
 */
export function hasIpv6Loopback(): boolean {
  const probe = "require('net').createServer().once('error',()=>process.exit(1)).listen(0,'::1',()=>process.exit(0))";
  return spawnSync(process.execPath, ['-e', probe]).status === 0;
}
