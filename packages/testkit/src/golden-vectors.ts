import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the vectors live: plain JSON, so that a port of incluster to another language can run the same cases. */
export const GOLDEN_VECTORS_DIR = join(__dirname, '..', 'vectors');

/**
 * One case: a Pod (its environment variables and service-account files) and the options a producer is given,
 * with the kubeconfig it must produce or the error code it must fail with.
 */
export interface GoldenVector {
  /** The file name without `.json`. */
  readonly name: string;
  readonly description: string;
  /** Environment variables, exactly as the process would see them. */
  readonly environment: Readonly<Record<string, string>>;
  /** Absolute path to file content; a path that is absent here does not exist. */
  readonly files: Readonly<Record<string, string>>;
  /** Paths that exist but cannot be read. */
  readonly unreadable?: readonly string[];
  /** The producer's options, named as in @incluster/core's LoadOptions (serviceAccountDir, credential, namespace…). */
  readonly options: Readonly<Record<string, unknown>>;
  readonly expect: { readonly kubeconfig: Readonly<Record<string, unknown>> } | { readonly error: string };
}

export function loadGoldenVectors(dir: string = GOLDEN_VECTORS_DIR): GoldenVector[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ name: file.slice(0, -'.json'.length), ...JSON.parse(readFileSync(join(dir, file), 'utf8')) }));
}
