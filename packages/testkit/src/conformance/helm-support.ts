import { helmListReleases } from '../clients/helm';
import { type CredentialMode, type KubeconfigProducer, produceKubeconfigFile } from './producer';
import type { ProvingGround } from './proving-ground';

/** What helm 3 (client-go inside, like kubectl) makes of each mode: it authenticates in every one. */
export const HELM_OUTCOME: Readonly<Record<CredentialMode, 'authenticated'>> = {
  'token-file': 'authenticated',
  exec: 'authenticated',
  'token-file+exec': 'authenticated',
  embedded: 'authenticated',
};

/**
 * helm lists the Pod namespace's releases, which it keeps in ConfigMaps: a request the stand-in answers only to a
 * valid token, and a real server only to a user its RBAC lets list ConfigMaps there (not system:anonymous).
 */
export function describeHelm(produce: KubeconfigProducer, modes: readonly CredentialMode[], ground: ProvingGround): void {
  describe('real helm (client-go) accepts it', () => {
    for (const mode of modes) {
      it(`${mode}: helm list reads the Pod namespace's releases as the service account`, async () => {
        const pod = await ground.startPod();
        try {
          const { path } = await produceKubeconfigFile(produce, { env: pod.env, options: { credential: mode } }, pod.workDir);
          expect(await helmListReleases(path, pod.namespace)).toEqual([]);
        } finally {
          await pod.dispose();
        }
      }, 30_000);
    }
  });
}
