import { type SimulatedCluster, type SimulatedClusterOptions, SimulatedPod, type SimulatedPodOptions, startSimulatedCluster } from '@incluster/testkit';
import { testCertificates } from './certificates';
import { watchTokens } from './token-guard';

/**
 * Where the Pod's variables put the API server, for the tests that never call it. Nothing listens there: the
 * doctor --probe tests start an API server of their own.
 */
export const KUBERNETES_SERVICE = { host: '127.0.0.1', port: 6443 } as const;

export type PodOptions = Omit<SimulatedPodOptions, 'certificateAuthority'>;

/** A Pod laid out as the kubelet does, whose ca.crt is this test file's CA (or the one given); no output may show its tokens. */
export function simulatedPod(options: PodOptions & { readonly certificateAuthority?: string } = {}): SimulatedPod {
  return watchTokens(new SimulatedPod({ certificateAuthority: testCertificates().caCertificate, ...options }));
}

/** A simulated Pod and the stand-in API server that knows its tokens, with this file's certificates; no output may show its tokens. */
export async function simulatedCluster(options: SimulatedClusterOptions = {}): Promise<SimulatedCluster> {
  const cluster = await startSimulatedCluster({ certificates: testCertificates(), ...options });
  watchTokens(cluster.pod);
  return cluster;
}

/** The container the CLI runs in during one test. */
export interface Container {
  /** Its Pod, whose service-account volume the container mounts; a test may remove or write its files. */
  readonly pod: SimulatedPod;
  /** The variables the kubelet sets in the container, with the API server at KUBERNETES_SERVICE. */
  readonly env: Record<string, string>;
}

/**
 * A fresh container, in a fresh simulated Pod, for each test of the enclosing block, disposed of after the test.
 * Its members can be used from inside a test or hook only.
 */
export function useContainer(options: PodOptions = {}): Container {
  let current: { pod: SimulatedPod; env: Record<string, string> } | undefined;
  beforeEach(() => {
    const pod = simulatedPod(options);
    current = { pod, env: pod.env(KUBERNETES_SERVICE) };
  });
  afterEach(() => current?.pod.dispose());

  const get = () => {
    if (current === undefined) {
      throw new Error('the container starts in beforeEach: use it inside a test or a later hook');
    }
    return current;
  };
  return {
    get pod() {
      return get().pod;
    },
    get env() {
      return get().env;
    },
  };
}
