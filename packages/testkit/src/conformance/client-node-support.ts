import { type ClientNodeError, clientNodeListConfigMapNames } from '../clients/client-node';
import { withEmbeddedToken } from './control-kubeconfig';
import type { AuthenticationOutcome } from './outcomes';
import type { CredentialMode, KubeconfigProducer } from './producer';
import type { PodOnCluster, ProvingGround } from './proving-ground';

/**
 * What @kubernetes/client-node 1.4 makes of each mode. It ignores `tokenFile` (it reads a non-standard
 * `token-file` key instead), so the token-file mode reaches the server with no credential at all; the exec
 * plugin is what makes one kubeconfig work for it too.
 */
export const CLIENT_NODE_OUTCOME: Readonly<Record<CredentialMode, AuthenticationOutcome>> = {
  'token-file': 'no credential sent',
  exec: 'authenticated',
  'token-file+exec': 'authenticated',
  embedded: 'authenticated',
};

export function describeClientNode(produce: KubeconfigProducer, modes: readonly CredentialMode[], ground: ProvingGround): void {
  describe('@kubernetes/client-node 1.4', () => {
    for (const mode of modes) {
      const expected = CLIENT_NODE_OUTCOME[mode];
      it(`${mode}: ${expected === 'authenticated' ? 'lists ConfigMaps as the service account' : `${expected}, while the same kubeconfig with the token embedded works`}`, async () => {
        const pod = await ground.startPod();
        try {
          const text = await produce({ env: pod.env, options: { credential: mode } });
          if (expected !== 'authenticated') {
            expect(await clientNodeListConfigMapNames(withEmbeddedToken(text, pod.currentToken), pod.namespace)).toContain('settings');
          }
          expect(await clientNodeOutcome(text, pod)).toBe(expected);
        } finally {
          await pod.dispose();
        }
      }, 30_000);
    }
  });
}

async function clientNodeOutcome(text: string, pod: PodOnCluster): Promise<AuthenticationOutcome | string> {
  try {
    const names = await clientNodeListConfigMapNames(text, pod.namespace);
    return names.includes('settings') ? 'authenticated' : `listed ${JSON.stringify(names)}`;
  } catch (error) {
    const { status, message } = error as ClientNodeError;
    const lastRequest = pod.requests?.at(-1);
    if (lastRequest ? status === 401 && lastRequest.tokenTag === undefined : status === 403 && message.includes('system:anonymous')) {
      return 'no credential sent';
    }
    return `HTTP ${status}`;
  }
}
