import { hasIpv6Loopback } from '../cluster/ipv6-loopback';
import { startSimulatedCluster } from '../cluster/stand-in/simulated-cluster';
import { TestCertificates, createTestCertificates } from '../cluster/certificates';
import { kubectlGetConfigMapNames, kubectlWhoami, runKubectl } from '../clients/kubectl';
import { CredentialMode, KubeconfigProducer, ProducerOptions, produceKubeconfigFile } from './producer';

interface Environment {
  readonly name: string;
  readonly listenOn: '127.0.0.1' | '::1';
  readonly serviceHost?: string;
  readonly options?: ProducerOptions;
  /** The namespace the context must carry. */
  readonly namespace: string;
}

// Every server listens on an ephemeral port: each case is also "a port other than 443".
const ENVIRONMENTS: readonly Environment[] = [
  { name: 'IPv4 127.0.0.1, namespace from the file', listenOn: '127.0.0.1', namespace: 'team-a' },
  { name: 'IPv6 ::1', listenOn: '::1', namespace: 'team-a' },
  { name: 'the host name localhost', listenOn: '127.0.0.1', serviceHost: 'localhost', namespace: 'team-a' },
  { name: 'a namespace option', listenOn: '127.0.0.1', options: { namespace: 'other-team' }, namespace: 'other-team' },
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
export function describeRealKubectl(produce: KubeconfigProducer, modes: readonly CredentialMode[]): void {
  describe('real kubectl (client-go) accepts it', () => {
    const ipv6 = hasIpv6Loopback();
    let certificates: TestCertificates;
    beforeAll(() => (certificates = createTestCertificates()));

    for (const mode of modes) {
      for (const environment of ENVIRONMENTS) {
        const test = environment.listenOn === '::1' && !ipv6 ? it.skip : it;
        test(`${mode}: kubectl auth whoami is the Pod's service account, with ${environment.name}`, async () => {
          const cluster = await startSimulatedCluster({ certificates, listenOn: environment.listenOn, serviceHost: environment.serviceHost });
          try {
            const { path } = await produceKubeconfigFile(produce, { env: cluster.env, options: { ...environment.options, credential: mode } }, cluster.workDir);
            expect(await kubectlWhoami(path)).toBe(cluster.pod.identity.username);
            expect(await kubectlGetConfigMapNames(path, cluster.pod.namespace)).toEqual(['settings']);

            const fromContext = await runKubectl(['get', 'configmaps', '-o', 'name'], { kubeconfig: path });
            expect(fromContext.code).toBe(0);
            expect(cluster.server.requests.at(-1)).toMatchObject({ path: `/api/v1/namespaces/${environment.namespace}/configmaps`, status: 200 });
          } finally {
            await cluster.dispose();
          }
        }, 30_000);
      }
    }
  });
}
