import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { type GoldenVector, loadGoldenVectors } from '../golden-vectors';
import { type KubeconfigProducer, type ProducerOptions, failureCode } from './producer';

const KUBELET_SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * A vector's files, written under a temporary root: its absolute paths become root + path, in the environment,
 * the options and the expected kubeconfig alike. An unreadable file becomes a directory, which no one can read as a file.
 */
function materialize(vector: GoldenVector, root: string): { env: Record<string, string>; options: ProducerOptions; expected?: unknown } {
  for (const [path, content] of Object.entries(vector.files)) {
    mkdirSync(dirname(root + path), { recursive: true });
    if (vector.unreadable?.includes(path)) {
      mkdirSync(root + path);
    } else {
      writeFileSync(root + path, content);
    }
  }
  const dirs = new Set([KUBELET_SERVICE_ACCOUNT_DIR, ...Object.keys(vector.files).map(dirname)]);
  const rebase = <T>(value: T): T => mapStrings(value, (text) => [...dirs].reduce((result, dir) => result.split(dir).join(root + dir), text));
  return {
    env: rebase({ INCLUSTER_SERVICE_ACCOUNT_DIR: KUBELET_SERVICE_ACCOUNT_DIR, ...vector.environment }),
    options: rebase(vector.options),
    expected: 'kubeconfig' in vector.expect ? rebase(vector.expect.kubeconfig) : undefined,
  };
}

function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') {
    return map(value) as T;
  }
  if (Array.isArray(value)) {
    return value.map((item) => mapStrings(item, map)) as T;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)])) as T;
  }
  return value;
}

/** Every golden vector, with its files on a real disk, through the producer. */
export function describeGoldenVectors(produce: KubeconfigProducer): void {
  describe('the golden vectors', () => {
    let root: string;
    beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'incluster-vectors-'))));
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    for (const vector of loadGoldenVectors()) {
      it(`${vector.name}: ${vector.description}`, async () => {
        const { env, options, expected } = materialize(vector, mkdtempSync(join(root, `${vector.name}-`)));
        if ('error' in vector.expect) {
          expect(await failureCode(produce, { env, options })).toBe(vector.expect.error);
        } else {
          expect(parse(await produce({ env, options }))).toEqual(expected);
        }
      });
    }
  });
}
