import { type PythonClient, startPythonClient } from '../clients/python-client';
import type { RotationOutcome } from './outcomes';
import { type CredentialMode, type KubeconfigProducer, sleep } from './producer';
import type { ProvingGround } from './proving-ground';
import { PYTHON_CLIENT_VERSION, expectMeasuredPythonClientVersion } from './python-client-support';

/**
 * What a long-lived Python process makes of a token rotation, in each mode. The client 22.6 reads `tokenFile` once,
 * when the kubeconfig loads, and never again; given both a token file and an exec plugin it uses the file. Only the
 * exec plugin is run again: it refreshes a credential within five minutes of its expiry, and ours expire in 60 s.
 */
export const PYTHON_CLIENT_ROTATION_OUTCOME: Readonly<Record<CredentialMode, RotationOutcome>> = {
  'token-file': 'HTTP 401',
  exec: 'survives rotation',
  'token-file+exec': 'HTTP 401',
  embedded: 'HTTP 401',
};

const REQUESTS_AFTER_REVOCATION = 20;

/** The statuses of the requests a long-lived Python process sent after the rotation, or why it could not be measured. */
export type PythonRotationMeasurement = { readonly statuses: readonly number[] } | { readonly error: Error };

/**
 * One long-lived Python process, as the kubelet rotates its Pod's token: it lists ConfigMaps, the token rotates, it
 * waits `waitMs` (past client-go's refresh window), the old token expires, and it sends 20 more requests. Any failure
 * is returned rather than thrown, so that it fails only the Python client's tests, not the rotation it runs beside.
 */
export async function measurePythonClientRotation(
  produce: KubeconfigProducer,
  mode: CredentialMode,
  ground: ProvingGround,
  waitMs: number,
): Promise<PythonRotationMeasurement> {
  let client: PythonClient | undefined;
  const pod = await ground.startPod().catch((error: Error) => error);
  if (pod instanceof Error) {
    return { error: pod };
  }
  try {
    client = await startPythonClient(await produce({ env: pod.env, options: { credential: mode } }));
    expectMeasuredPythonClientVersion(client.version);
    await client.listConfigMapNames(pod.namespace);
    const old = pod.currentToken;
    await pod.rotate();
    await sleep(waitMs);
    await pod.revoke(old);
    const statuses: number[] = [];
    for (let i = 0; i < REQUESTS_AFTER_REVOCATION; i++) {
      statuses.push(await client.listConfigMapNames(pod.namespace).then(() => 200, (error: { status?: number }) => error.status ?? 0));
    }
    return { statuses };
  } catch (error) {
    return { error: error as Error };
  } finally {
    await client?.stop();
    await pod.dispose();
  }
}

/** The expectations on the measurements, to call inside the describe whose beforeAll fills them in. */
export function describePythonClientRotation(measurements: ReadonlyMap<CredentialMode, PythonRotationMeasurement>, modes: readonly CredentialMode[]): void {
  describe(`the official Python client ${PYTHON_CLIENT_VERSION}, in a long-lived process`, () => {
    for (const mode of modes) {
      const expected = PYTHON_CLIENT_ROTATION_OUTCOME[mode];
      const status = expected === 'survives rotation' ? 200 : 401;
      it(`${mode}: after a rotation, the refresh window and the old token's expiry, ${REQUESTS_AFTER_REVOCATION} requests ${status === 200 ? 'succeed' : 'are refused with 401'}`, () => {
        const measurement = measurements.get(mode)!;
        if ('error' in measurement) {
          throw measurement.error;
        }
        expect(measurement.statuses).toEqual(Array(REQUESTS_AFTER_REVOCATION).fill(status));
      });
    }
  });
}
