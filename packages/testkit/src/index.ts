/**
 * @incluster/testkit: the proving ground every incluster package shares.
 *
 * - describeKubeconfigConformance(): the suite each kubeconfig producer runs;
 * - golden vectors: language-neutral JSON cases (vectors/README.md);
 * - a simulated Pod, a stand-in API server over real TLS, and helpers for the real kubectl, client-node and the
 *   official Python client.
 */
export * from './conformance';
export { GOLDEN_VECTORS_DIR, GoldenVector, loadGoldenVectors } from './golden-vectors';
export { SimulatedCluster, SimulatedClusterOptions, startSimulatedCluster } from './simulated-cluster';
export { hasIpv6Loopback } from './ipv6-loopback';
export { SimulatedPod, SimulatedPodOptions, SERVICE_ACCOUNT_FILES, ServiceAccountFile } from './simulated-pod';
export { TokenClaims, decodeTokenClaims, issueServiceAccountToken } from './service-account-token';
export { ServiceAccountIdentity, TokenAuthority } from './token-authority';
export { ApiServer, ApiServerOptions, RecordedRequest, startApiServer, tokenTag } from './api-server';
export { TestCertificates, createTestCertificates } from './certificates';
export { kubectlPath } from './kubectl-binary';
export {
  KubectlOptions,
  KubectlResult,
  KubernetesVersionInfo,
  kubectlGetConfigMapNames,
  kubectlGetRawVersion,
  kubectlVersion,
  kubectlWhoami,
  runKubectl,
} from './kubectl';
export { KubectlProxy, KubectlProxyOptions, startKubectlProxy } from './kubectl-proxy';
export { ClientNodeError, clientNodeListConfigMapNames } from './client-node';
export {
  INSTALL_TEST_TOOLS_SCRIPT,
  PYTHON_WITH_KUBERNETES_CLIENT,
  PythonClient,
  PythonClientError,
  PythonClientOptions,
  pythonListConfigMapNames,
  startPythonClient,
} from './python-client';
