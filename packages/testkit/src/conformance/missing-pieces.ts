import { createTestCertificates } from '../cluster/certificates';
import { SimulatedPod } from '../pod/simulated-pod';
import { KubeconfigProducer, failureCode } from './producer';

/** A Pod with a piece missing makes every producer fail with the core's error code, and produce nothing. */
export function describeMissingPieces(produce: KubeconfigProducer): void {
  describe('a Pod with a piece missing', () => {
    let pod: SimulatedPod;
    const server = { host: '127.0.0.1', port: 6443 };
    beforeAll(() => (pod = new SimulatedPod({ certificateAuthority: createTestCertificates().caCertificate })));
    afterAll(() => pod.dispose());

    it('without the service variables fails with NOT_IN_CLUSTER', async () => {
      const { INCLUSTER_SERVICE_ACCOUNT_DIR } = pod.env(server);
      expect(await failureCode(produce, { env: { INCLUSTER_SERVICE_ACCOUNT_DIR }, options: {} })).toBe('NOT_IN_CLUSTER');
    });

    it('without ca.crt fails with SERVICE_ACCOUNT_NOT_MOUNTED', async () => {
      pod.remove('ca.crt');
      expect(await failureCode(produce, { env: pod.env(server), options: {} })).toBe('SERVICE_ACCOUNT_NOT_MOUNTED');
    });

    it('without its token fails with SERVICE_ACCOUNT_NOT_MOUNTED, in every mode', async () => {
      pod.remove('token');
      for (const credential of ['token-file', 'exec', 'embedded'] as const) {
        expect(await failureCode(produce, { env: pod.env(server), options: { credential } })).toBe('SERVICE_ACCOUNT_NOT_MOUNTED');
      }
    });
  });
}
