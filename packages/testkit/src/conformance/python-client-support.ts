import { type PythonClientError, startPythonClient } from '../clients/python-client';
import type { AuthenticationOutcome } from './outcomes';
import type { CredentialMode, KubeconfigProducer } from './producer';
import type { ProvingGround } from './proving-ground';

/** The version of the official Python client that the outcomes below were measured with: Debian 12's python3-kubernetes. */
export const PYTHON_CLIENT_VERSION = '22.6';

/**
 * What the official Python client 22.6 makes of each mode, with `load_kube_config()` and one request. It reads
 * `tokenFile` (once, when the kubeconfig loads; see PYTHON_CLIENT_ROTATION_OUTCOME), accepts the v1 exec plugin
 * (it ignores `interactiveMode`) and, given both, uses the token file and never runs the plugin.
 */
export const PYTHON_CLIENT_OUTCOME: Readonly<Record<CredentialMode, AuthenticationOutcome>> = {
  'token-file': 'authenticated',
  exec: 'authenticated',
  'token-file+exec': 'authenticated',
  embedded: 'authenticated',
};

export function describePythonClient(produce: KubeconfigProducer, modes: readonly CredentialMode[], ground: ProvingGround): void {
  describe(`the official Python client ${PYTHON_CLIENT_VERSION} (python3-kubernetes)`, () => {
    for (const mode of modes) {
      const expected = PYTHON_CLIENT_OUTCOME[mode];
      it(`${mode}: load_kube_config, then ${expected === 'authenticated' ? 'lists ConfigMaps as the service account' : `is refused with ${expected}`}`, async () => {
        const pod = await ground.startPod();
        try {
          const text = await produce({ env: pod.env, options: { credential: mode } });
          const client = await startPythonClient(text);
          try {
            expectMeasuredPythonClientVersion(client.version);
            const outcome = await client.listConfigMapNames(pod.namespace).then(
              (names) => {
                expect(names).toContain('settings');
                return 'authenticated';
              },
              (error: PythonClientError) => {
                if (error.status === undefined) {
                  throw error;
                }
                return `HTTP ${error.status}`;
              },
            );
            expect(outcome).toBe(expected);
          } finally {
            await client.stop();
          }
        } finally {
          await pod.dispose();
        }
      }, 30_000);
    }
  });
}

/** The outcomes hold for the version they were measured with; another one must be measured again, not assumed. */
export function expectMeasuredPythonClientVersion(version: string): void {
  if (!version.startsWith(`${PYTHON_CLIENT_VERSION}.`)) {
    throw new Error(
      `The Python client outcomes were measured with python3-kubernetes ${PYTHON_CLIENT_VERSION}, but this is ${version}: ` +
        'measure again, then update PYTHON_CLIENT_VERSION, the outcome tables and docs/credentials.md.',
    );
  }
}
