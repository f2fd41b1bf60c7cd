import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where built binaries are kept, outside any checkout so that every clone and CI run on the machine shares them:
 * $INCLUSTER_TOOLCHAIN_CACHE, else $XDG_CACHE_HOME/incluster/toolchain, else ~/.cache/incluster/toolchain.
 */
export function toolchainCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INCLUSTER_TOOLCHAIN_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'incluster', 'toolchain');
}
