import { describeClientNode } from './client-node-support';
import { describeGoldenVectors } from './golden-vectors';
import { describeHelm } from './helm-support';
import { describeMissingPieces } from './missing-pieces';
import { ALL_CREDENTIAL_MODES, type CredentialMode, type KubeconfigProducer } from './producer';
import type { ProvingGround } from './proving-ground';
import { describePythonClient } from './python-client-support';
import { REAL_CLUSTER_START_TIMEOUT_MS } from './real-ground';
import { describeRealKubectl } from './real-kubectl';
import { describeRotation } from './rotation';
import { standInCluster } from './stand-in-ground';
import { describeYaml11Namespaces } from './yaml-1-1-namespaces';
import { describeSection } from './skipped-sections';

export * from './producer';
export { renderArguments } from './render-arguments';
export { PodOnCluster, PodShape, ProvingGround } from './proving-ground';
export { standInCluster } from './stand-in-ground';
export { REAL_CLUSTER_START_TIMEOUT_MS, realCluster } from './real-ground';
export { CLIENT_NODE_OUTCOME } from './client-node-support';
export { credentialSupportTable } from './credential-support-table';
export { HELM_OUTCOME } from './helm-support';
export { AuthenticationOutcome, RotationOutcome } from './outcomes';
export { PYTHON_CLIENT_OUTCOME, PYTHON_CLIENT_VERSION } from './python-client-support';
export { PYTHON_CLIENT_ROTATION_OUTCOME } from './python-client-rotation';
export { KUBECTL_OUTCOME } from './real-kubectl';
export { CLIENT_GO_REFRESH_WINDOW_MS, KUBECTL_ROTATION_OUTCOME } from './rotation';
export { SKIPPABLE_SECTIONS, SKIP_VARIABLE, SkippableSection, skippedSections } from './skipped-sections';

export interface ConformanceOptions {
  /** The credential modes the producer supports; all four by default. */
  readonly credentials?: readonly CredentialMode[];
  /**
   * Where the cases that need a server run: the stand-in API server (standInCluster(), the default) or a real
   * kube-apiserver (realCluster()). The cases that need none (missing pieces, golden vectors) run with the stand-in.
   */
  readonly cluster?: ProvingGround;
}

/**
 * The suite every kubeconfig producer runs (the core, the CLI through its built binary, each adapter): real kubectl
 * and helm across credential modes and network environments, token rotation under long-lived clients (kubectl
 * proxy, a Python process), client-node's and the official Python client's view, and, on the stand-in, the
 * missing-piece failures and the golden vectors. Call it at the top level of a Jest test file, once per cluster.
 * INCLUSTER_CONFORMANCE_SKIP=rotation leaves out the rotation section, which waits over a minute, and shows its cases
 * as skipped (src/conformance/skipped-sections.ts).
 */
export function describeKubeconfigConformance(name: string, produce: KubeconfigProducer, options: ConformanceOptions = {}): void {
  const modes = options.credentials ?? ALL_CREDENTIAL_MODES;
  const ground = options.cluster ?? standInCluster();
  describe(`${name} conformance, on ${ground.name}`, () => {
    beforeAll(() => ground.setUp(), REAL_CLUSTER_START_TIMEOUT_MS);
    afterAll(() => ground.tearDown());

    describeRealKubectl(produce, modes, ground);
    describeSection('rotation', () => describeRotation(produce, modes, ground));
    describeHelm(produce, modes, ground);
    describeClientNode(produce, modes, ground);
    describePythonClient(produce, modes, ground);
    describeYaml11Namespaces(produce, modes, ground);
    if (ground.kind === 'stand-in') {
      describeMissingPieces(produce, modes);
      describeGoldenVectors(produce);
    }
  });
}
