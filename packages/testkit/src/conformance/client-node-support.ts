import { TestCertificates, createTestCertificates } from '../cluster/certificates';
import { ClientNodeError, clientNodeListConfigMapNames } from '../clients/client-node';
import { startSimulatedCluster } from '../cluster/stand-in/simulated-cluster';
import { AuthenticationOutcome } from './outcomes';
import { CredentialMode, KubeconfigProducer } from './producer';

/**
 * What @kubernetes/client-node 1.4 makes of each mode. It ignores `tokenFile` (it reads a non-standard
 * `token-file` key instead), so the token-file mode reaches the server with no credential at all; the exec
 * plugin is what makes one kubeconfig work for it too.
 */
export const CLIENT_NODE_OUTCOME: Readonly<Record<CredentialMode, AuthenticationOutcome>> = {
  'token-file': 'HTTP 401',
  exec: 'authenticated',
  'token-file+exec': 'authenticated',
  embedded: 'authenticated',
};

export function describeClientNode(produce: KubeconfigProducer, modes: readonly CredentialMode[]): void {
  describe('@kubernetes/client-node 1.4', () => {
    let certificates: TestCertificates;
    beforeAll(() => (certificates = createTestCertificates()));

    for (const mode of modes) {
      it(`${mode}: ${CLIENT_NODE_OUTCOME[mode] === 'authenticated' ? 'lists ConfigMaps as the service account' : 'sends no credential, since it ignores tokenFile'}`, async () => {
        const cluster = await startSimulatedCluster({ certificates });
        try {
          const text = await produce({ env: cluster.env, options: { credential: mode } });
          const outcome = await clientNodeListConfigMapNames(text, cluster.pod.namespace).then(
            (names) => (expect(names).toEqual(['settings']), 'authenticated'),
            (error: ClientNodeError) => `HTTP ${error.status}`,
          );
          expect(outcome).toBe(CLIENT_NODE_OUTCOME[mode]);
        } finally {
          await cluster.dispose();
        }
      }, 30_000);
    }
  });
}
