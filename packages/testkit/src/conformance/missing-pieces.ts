import { createTestCertificates } from '../cluster/certificates';
import { SimulatedPod } from '../pod/simulated-pod';
import type { ServiceAccountFile } from '../pod/service-account-volume';
import { type CredentialMode, type KubeconfigProducer, failureCode } from './producer';

interface MissingPiece {
  readonly name: string;
  readonly code: string;
  readonly remove?: ServiceAccountFile;
  readonly withoutServiceVariables?: boolean;
}

const MISSING_PIECES: readonly MissingPiece[] = [
  { name: 'without the service variables', code: 'NOT_IN_CLUSTER', withoutServiceVariables: true },
  { name: 'without ca.crt', code: 'SERVICE_ACCOUNT_NOT_MOUNTED', remove: 'ca.crt' },
  { name: 'without its token', code: 'SERVICE_ACCOUNT_NOT_MOUNTED', remove: 'token' },
];

/**
 * A Pod with one piece missing, and only that one (each case has a Pod of its own), makes every producer fail with
 * the core's error code in every mode, and produce nothing. No server is involved.
 */
export function describeMissingPieces(produce: KubeconfigProducer, modes: readonly CredentialMode[]): void {
  describe('a Pod with a piece missing', () => {
    const server = { host: '127.0.0.1', port: 6443 };
    let caCertificate: string;
    beforeAll(() => (caCertificate = createTestCertificates().caCertificate));

    for (const piece of MISSING_PIECES) {
      for (const credential of modes) {
        it(`${piece.name}, ${credential}: fails with ${piece.code}`, async () => {
          const pod = new SimulatedPod({ certificateAuthority: caCertificate });
          try {
            if (piece.remove) {
              pod.remove(piece.remove);
            }
            const env = pod.env(server);
            const given = piece.withoutServiceVariables ? { INCLUSTER_SERVICE_ACCOUNT_DIR: env.INCLUSTER_SERVICE_ACCOUNT_DIR! } : env;
            expect(await failureCode(produce, { env: given, options: { credential } })).toBe(piece.code);
          } finally {
            pod.dispose();
          }
        });
      }
    }
  });
}
