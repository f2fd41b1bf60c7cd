import { hasIpv6Loopback } from '../cluster/ipv6-loopback';
import { kubectlWhoami, runKubectl } from '../clients/kubectl';
import { type CredentialMode, type KubeconfigProducer, type ProducerOptions, produceKubeconfigFile } from './producer';
import type { PodShape, ProvingGround } from './proving-ground';

interface Environment {
  readonly name: string;
  readonly shape: PodShape;
  readonly options?: ProducerOptions;
  /** The namespace the context must carry. */
  readonly namespace: string;
}

// Every server listens on an ephemeral port: each case is also "a port other than 443".
const ENVIRONMENTS: readonly Environment[] = [
  { name: 'IPv4 127.0.0.1, namespace from the file', shape: {}, namespace: 'team-a' },
  { name: 'IPv6 ::1', shape: { ipv6: true }, namespace: 'team-a' },
  { name: 'the host name localhost', shape: { serviceHost: 'localhost' }, namespace: 'team-a' },
  { name: 'a namespace option', shape: { alsoGrantIn: ['other-team'] }, options: { namespace: 'other-team' }, namespace: 'other-team' },
];

/**
 * What kubectl (client-go) makes of each mode: it authenticates in every one, which each test below asserts in every
 * network environment. The type admits nothing else: a mode it refused would fail the suite, not change this table.
 */
export const KUBECTL_OUTCOME: Readonly<Record<CredentialMode, 'authenticated'>> = {
  'token-file': 'authenticated',
  exec: 'authenticated',
  'token-file+exec': 'authenticated',
  embedded: 'authenticated',
};

/** kubectl (client-go) authenticates as the Pod's service account, in every credential mode and environment. */
export function describeRealKubectl(produce: KubeconfigProducer, modes: readonly CredentialMode[], ground: ProvingGround): void {
  describe('real kubectl (client-go) accepts it', () => {
    const ipv6 = hasIpv6Loopback();

    for (const mode of modes) {
      for (const environment of ENVIRONMENTS) {
        const test = environment.shape.ipv6 && !ipv6 ? it.skip : it;
        test(`${mode}: kubectl auth whoami is the Pod's service account, with ${environment.name}`, async () => {
          const pod = await ground.startPod(environment.shape);
          try {
            const { path } = await produceKubeconfigFile(produce, { env: pod.env, options: { ...environment.options, credential: mode } }, pod.workDir);
            expect(await kubectlWhoami(path)).toBe(pod.username);
            // No -n: the context's namespace decides, and the ConfigMap there names its namespace.
            const settings = await runKubectl(['get', 'configmap', 'settings', '-o', 'jsonpath={.data.namespace}'], { kubeconfig: path });
            expect(settings).toMatchObject({ code: 0, stdout: environment.namespace });
          } finally {
            await pod.dispose();
          }
        }, 30_000);
      }

      if (ground.kind === 'real') {
        it(`${mode}: creates a ConfigMap where its Role allows, and gets a clear 403 where it does not`, async () => {
          const pod = await ground.startPod();
          try {
            const { path } = await produceKubeconfigFile(produce, { env: pod.env, options: { credential: mode } }, pod.workDir);
            const created = await runKubectl(['create', 'configmap', `made-with-${mode.replace('+', '-')}`, '--from-literal=by=incluster'], { kubeconfig: path });
            expect(created).toMatchObject({ code: 0 });
            const forbidden = await runKubectl(['get', 'secrets'], { kubeconfig: path });
            expect(forbidden.code).toBe(1);
            expect(forbidden.stderr).toContain(`secrets is forbidden: User "${pod.username}" cannot list resource "secrets" in API group "" in the namespace "${pod.namespace}"`);
          } finally {
            await pod.dispose();
          }
        }, 30_000);
      }
    }
  });
}
