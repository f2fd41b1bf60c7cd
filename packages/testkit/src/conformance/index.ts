import { describeClientNode } from './client-node-support';
import { describeGoldenVectors } from './golden-vectors';
import { describeMissingPieces } from './missing-pieces';
import { ALL_CREDENTIAL_MODES, CredentialMode, KubeconfigProducer } from './producer';
import { describePythonClient } from './python-client-support';
import { describeRealKubectl } from './real-kubectl';
import { describeRotation } from './rotation';

export * from './producer';
export { CLIENT_NODE_OUTCOME } from './client-node-support';
export { credentialSupportTable } from './credential-support-table';
export { AuthenticationOutcome, RotationOutcome } from './outcomes';
export { PYTHON_CLIENT_OUTCOME, PYTHON_CLIENT_VERSION } from './python-client-support';
export { PYTHON_CLIENT_ROTATION_OUTCOME } from './python-client-rotation';
export { KUBECTL_OUTCOME } from './real-kubectl';
export { CLIENT_GO_REFRESH_WINDOW_MS, KUBECTL_ROTATION_OUTCOME } from './rotation';

export interface ConformanceOptions {
  /** The credential modes the producer supports; all four by default. */
  readonly credentials?: readonly CredentialMode[];
}

/**
 * The suite every kubeconfig producer runs (the core, the CLI through its built binary, each adapter): real kubectl
 * across credential modes and network environments, token rotation under long-lived clients (kubectl proxy, a Python
 * process), client-node's and the official Python client's view, the missing-piece failures and the golden vectors.
 * Call it at the top level of a Jest test file.
 */
export function describeKubeconfigConformance(name: string, produce: KubeconfigProducer, options: ConformanceOptions = {}): void {
  const modes = options.credentials ?? ALL_CREDENTIAL_MODES;
  describe(`${name} conformance`, () => {
    describeRealKubectl(produce, modes);
    describeRotation(produce, modes);
    describeClientNode(produce, modes);
    describePythonClient(produce, modes);
    describeMissingPieces(produce);
    describeGoldenVectors(produce);
  });
}
