import { tokenTag } from '../cluster/stand-in/api-server';
import { type KubectlProxy, startKubectlProxy } from '../clients/kubectl-proxy';
import type { RotationOutcome } from './outcomes';
import { type CredentialMode, type KubeconfigProducer, produceKubeconfigFile, sleep } from './producer';
import type { PodOnCluster, ProvingGround } from './proving-ground';
import { type PythonRotationMeasurement, describePythonClientRotation, measurePythonClientRotation } from './python-client-rotation';

/** client-go re-reads a token file once a minute; an exec credential of ours expires within the same minute. */
export const CLIENT_GO_REFRESH_WINDOW_MS = 60_000;
// The window, plus slack for a loaded machine: requests and processes here take up to a few hundred milliseconds.
const PAST_THE_WINDOW_MS = CLIENT_GO_REFRESH_WINDOW_MS + 3_000;
/** A real API server takes up to 10 s (its token cache) to refuse a revoked token, which revoke() waits out. */
const REVOCATION_BOUND_MS = 30_000;
const REQUESTS_AFTER_REVOCATION = 20;

/**
 * What a long-lived client-go process (kubectl proxy) makes of a token rotation, in each mode: it re-reads a token
 * file every minute and re-runs an exec plugin once the credential expires; a copied token dies with the old token.
 */
export const KUBECTL_ROTATION_OUTCOME: Readonly<Record<CredentialMode, RotationOutcome>> = {
  'token-file': 'survives rotation',
  exec: 'survives rotation',
  'token-file+exec': 'survives rotation',
  embedded: 'HTTP 401',
};

interface LongLivedClient {
  readonly pod: PodOnCluster;
  readonly proxy: KubectlProxy;
  readonly path: string;
}

async function startLongLivedClient(produce: KubeconfigProducer, mode: CredentialMode, ground: ProvingGround): Promise<LongLivedClient> {
  const pod = await ground.startPod();
  const { path: kubeconfig } = await produceKubeconfigFile(produce, { env: pod.env, options: { credential: mode } }, pod.workDir);
  const proxy = await startKubectlProxy(kubeconfig);
  const client = { pod, proxy, path: `/api/v1/namespaces/${pod.namespace}/configmaps/settings` };
  expect((await proxy.get(client.path)).status).toBe(200);
  return client;
}

/** The HTTP statuses of requests sent one after the other through the long-lived client. */
async function send(client: LongLivedClient, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    statuses.push((await client.proxy.get(client.path)).status);
  }
  return statuses;
}

/** Sends a request a second until one succeeds; returns how many failed first and how long recovery took. */
async function untilRecovered(client: LongLivedClient, deadlineMs: number): Promise<{ failures: number; recoveredAfterMs?: number }> {
  const start = Date.now();
  let failures = 0;
  while (Date.now() - start < deadlineMs) {
    if ((await client.proxy.get(client.path)).status === 200) {
      return { failures, recoveredAfterMs: Date.now() - start };
    }
    failures++;
    await sleep(1_000);
  }
  return { failures };
}

/**
 * Token rotation as the kubelet does it, seen by one long-lived client-go process (kubectl proxy) per mode, and by
 * one long-lived Python process per mode. Every mode and client runs side by side, so a single wait past the refresh
 * window serves them all.
 */
export function describeRotation(produce: KubeconfigProducer, modes: readonly CredentialMode[], ground: ProvingGround): void {
  describe('token rotation, seen by long-lived clients', () => {
    const gentle = new Map<CredentialMode, { statuses: number[]; newTokenTag: string; tagsSeen?: Set<string | undefined> }>();
    const strict = new Map<CredentialMode, { failures: number; recoveredAfterMs?: number }>();
    const python = new Map<CredentialMode, PythonRotationMeasurement>();
    const clients: LongLivedClient[] = [];

    beforeAll(async () => {
      await Promise.all([
        ...modes.map(async (mode) => {
          // As the kubelet rotates: the old token stays valid past the client's refresh window, then expires.
          const client = await startLongLivedClient(produce, mode, ground);
          clients.push(client);
          const old = client.pod.currentToken;
          const fresh = await client.pod.rotate();
          await sleep(PAST_THE_WINDOW_MS);
          await client.pod.revoke(old);
          const firstAfter = client.pod.requests?.length ?? 0;
          const statuses = await send(client, REQUESTS_AFTER_REVOCATION);
          const tagsSeen = client.pod.requests && new Set(client.pod.requests.slice(firstAfter).map((request) => request.tokenTag));
          gentle.set(mode, { statuses, newTokenTag: tokenTag(fresh), tagsSeen });
        }),
        ...modes.map(async (mode) => {
          // The strict case: the old token is refused the moment the new one is written.
          const client = await startLongLivedClient(produce, mode, ground);
          clients.push(client);
          const old = client.pod.currentToken;
          await client.pod.rotate();
          await client.pod.revoke(old);
          strict.set(mode, await untilRecovered(client, PAST_THE_WINDOW_MS));
        }),
        ...modes.map(async (mode) => python.set(mode, await measurePythonClientRotation(produce, mode, ground, PAST_THE_WINDOW_MS))),
      ]);
    }, 3 * PAST_THE_WINDOW_MS + REVOCATION_BOUND_MS);

    afterAll(async () => {
      await Promise.all(clients.map(async (client) => {
        await client.proxy.stop();
        await client.pod.dispose();
      }));
    });

    describe('kubectl proxy (client-go)', () => {
      for (const mode of modes) {
        if (KUBECTL_ROTATION_OUTCOME[mode] === 'HTTP 401') {
          it(`${mode}: every request fails once the token it holds expires, and it never recovers`, () => {
            expect(gentle.get(mode)!.statuses).toEqual(Array(REQUESTS_AFTER_REVOCATION).fill(401));
            expect(strict.get(mode)!.recoveredAfterMs).toBeUndefined();
          });
          continue;
        }

        it(`${mode}: after a rotation, the refresh window and the old token's expiry, ${REQUESTS_AFTER_REVOCATION} requests succeed with the new token`, () => {
          const { statuses, newTokenTag, tagsSeen } = gentle.get(mode)!;
          expect(statuses).toEqual(Array(REQUESTS_AFTER_REVOCATION).fill(200));
          // A real server does not say which token came; that the old one is refused shows it is the new one.
          if (tagsSeen) {
            expect([...tagsSeen]).toEqual([newTokenTag]);
          }
        });

        if (mode === 'exec') {
          it('exec: when the old token is refused at once, the next request already succeeds: client-go re-runs the plugin after a 401', () => {
            const outcome = strict.get(mode)!;
            expect(outcome.recoveredAfterMs).toBeDefined();
            expect(outcome.failures).toBeLessThanOrEqual(1);
          });
        } else {
          // client-go does not re-read a token file after a 401: requests fail until its next minutely read.
          it(`${mode}: when the old token is refused at once, the client recovers by itself within the refresh window`, () => {
            expect(strict.get(mode)!.recoveredAfterMs).toBeLessThanOrEqual(PAST_THE_WINDOW_MS);
          });
        }
      }
    });

    describePythonClientRotation(python, modes);
  });
}
