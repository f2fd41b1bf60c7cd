import { type PathOrigin, isInClusterConfigError } from '@incluster/core';
import { type PathFlag, firstSentence, fixNamingTheFlag } from '../path-flag';
import { type Check, fail } from './check';
import { FIXES } from './fixes';

/** Where a check finds its file: the path, where it came from, and the flag that gave it, if one did. */
export interface CheckedFile {
  readonly path: string;
  readonly origin: PathOrigin;
  readonly given?: PathFlag;
}

/**
 * Runs a check; an InClusterConfigError becomes its failure. Error messages say what is wrong, then how to fix it;
 * the checklist keeps the first part and gives the fix on a line of its own.
 */
export function failingOnCoreError(id: string, title: string, details: Record<string, string>, given: PathFlag | undefined, run: () => Check): Check {
  try {
    return run();
  } catch (error) {
    if (!isInClusterConfigError(error)) {
      throw error;
    }
    const hint = fixNamingTheFlag(error, given) ?? FIXES[error.code];
    return fail(id, title, { code: error.code, summary: firstSentence(error.message), hint }, details);
  }
}
