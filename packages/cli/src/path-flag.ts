import { type InClusterConfigError, isInClusterConfigError } from '@incluster/core';
import { CliError } from './errors';

/** The flag a service-account path came from, when the user gave one: the advice then names that flag. */
export interface PathFlag {
  readonly flag: '--token-file' | '--service-account-dir';
  readonly value: string;
}

/** What each flag names, and what applies when it is left out. */
const NAMES: Readonly<Record<PathFlag['flag'], { readonly what: string; readonly without: string }>> = {
  '--token-file': { what: 'token file', without: 'the token in the service-account directory' },
  '--service-account-dir': { what: 'directory', without: "$INCLUSTER_SERVICE_ACCOUNT_DIR, else the kubelet's mount point" },
};

/** The flag that gave a path, of the two a command may have been given; undefined when neither was. */
export function pathFlag(flags: { readonly tokenFile?: string; readonly serviceAccountDir?: string }): PathFlag | undefined {
  if (flags.tokenFile !== undefined) {
    return { flag: '--token-file', value: flags.tokenFile };
  }
  return flags.serviceAccountDir === undefined ? undefined : { flag: '--service-account-dir', value: flags.serviceAccountDir };
}

/**
 * The fix for a core error about a file whose path the user gave with a flag, in the user's terms. The core's own
 * advice speaks of "the path passed as an option" (adapters use it too); here the flag is known. Undefined when the
 * path did not come from the flag, or when the core's advice already fits.
 */
export function fixNamingTheFlag(error: InClusterConfigError, given: PathFlag | undefined): string | undefined {
  if (given === undefined || error.file?.origin !== 'option') {
    return undefined;
  }
  const { what, without } = NAMES[given.flag];
  const elsewhere = `or point ${given.flag} at another ${what}`;
  switch (error.code) {
    case 'SERVICE_ACCOUNT_NOT_MOUNTED':
      return `Correct ${given.flag} ${given.value}, or leave the flag out to use ${without}.`;
    case 'UNREADABLE_FILE':
      return error.file.errno === 'EISDIR'
        ? `Make it a regular file the container's user can read, ${elsewhere}.`
        : `Give the container's user read access to it (runAsUser, fsGroup or the volume's defaultMode), ${elsewhere}.`;
    default:
      return undefined;
  }
}

/** A core error whose path came from a flag, re-phrased to name the flag (the same code); any other error unchanged. */
export function namingTheFlag(error: unknown, given: PathFlag | undefined): unknown {
  if (!isInClusterConfigError(error)) {
    return error;
  }
  const fix = fixNamingTheFlag(error, given);
  return fix === undefined ? error : new CliError(error.code, `${firstSentence(error.message)} ${fix}`);
}

/** Runs a step that reads service-account files; its errors about a path from the given flag name that flag. */
export function withPathFlag<T>(given: PathFlag | undefined, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw namingTheFlag(error, given);
  }
}

/** Messages say what is wrong, then how to fix it: this is the first part. */
export function firstSentence(message: string): string {
  return message.split(/(?<=\.) (?=[A-Z])/)[0];
}
