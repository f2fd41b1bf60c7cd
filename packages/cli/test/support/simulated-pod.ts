import { SimulatedPod, SimulatedPodOptions } from '@incluster/testkit';
import { testCertificates } from './certificates';

/**
 * Where the Pod's variables put the API server, for the tests that never call it. Nothing listens there: the
 * doctor --probe tests start an API server of their own.
 */
export const KUBERNETES_SERVICE = { host: '127.0.0.1', port: 6443 } as const;

export type PodOptions = Omit<SimulatedPodOptions, 'certificateAuthority'>;

/** A Pod laid out as the kubelet does, whose ca.crt is this test file's CA. */
export function simulatedPod(options: PodOptions = {}): SimulatedPod {
  return new SimulatedPod({ ...options, certificateAuthority: testCertificates().caCertificate });
}

/** The container the CLI runs in during one test. */
export interface Container {
  /** Its Pod, whose service-account volume the container mounts; a test may remove or write its files. */
  readonly pod: SimulatedPod;
  /** The variables the kubelet sets in the container, with the API server at KUBERNETES_SERVICE. */
  readonly env: Record<string, string>;
  /** The token the Pod was issued when the test began: whatever the test writes over it, no output may show it. */
  readonly issuedToken: string;
}

/**
 * A fresh container, in a fresh simulated Pod, for each test of the enclosing block, disposed of after the test.
 * Its members can be used from inside a test or hook only.
 */
export function useContainer(options: PodOptions = {}): Container {
  let current: { pod: SimulatedPod; env: Record<string, string>; issuedToken: string } | undefined;
  beforeEach(() => {
    const pod = simulatedPod(options);
    current = { pod, env: pod.env(KUBERNETES_SERVICE), issuedToken: pod.currentToken };
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
    get issuedToken() {
      return get().issuedToken;
    },
  };
}
