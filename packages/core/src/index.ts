/**
 * @incluster/core: a rotation-safe kubeconfig for code running inside a Kubernetes Pod.
 *
 * - discoverPodEnvironment() reads the environment and the service-account files: the only I/O here;
 * - renderKubeconfig() turns that data into a kubeconfig, purely;
 * - loadInClusterKubeconfig() does both;
 * - runAdapter() does both and hands the result to an Adapter, the extension point for tools;
 * - toYaml() and toJson() write the result out.
 */
export { discoverPodEnvironment } from './discovery';
export type { DiscoveryOptions } from './discovery';
export { renderKubeconfig, DEFAULT_ENTRY_NAME } from './render';
export type { RenderOptions } from './render';
export { validateRenderOptions } from './render-options';
export type { ClusterOptions } from './cluster';
export { loadInClusterKubeconfig } from './load';
export type { LoadOptions } from './load';
export { runAdapter } from './adapter';
export type { Adapter, AdapterInput } from './adapter';
export { CREDENTIAL_MODES, DEFAULT_CREDENTIAL_MODE, carriesSecret } from './credential';
export type { CredentialMode } from './credential';
export { EXEC_CREDENTIAL_LIFETIME_SECONDS, EXEC_CREDENTIAL_SCRIPT } from './exec-credential';
export { toYaml, toJson } from './serialize';
export { InClusterConfigError, isInClusterConfigError } from './errors';
export type { FileProblem, InClusterErrorCode, PathOrigin } from './errors';
export { nodeFileReader, memoryFileReader } from './file-reader';
export type { FileReader } from './file-reader';
export type { PodEnvironment, NamespaceSource } from './pod-environment';
export {
  DEFAULT_SERVICE_ACCOUNT_DIR,
  readCertificateAuthority,
  readServiceAccountToken,
  requireServiceAccountFile,
  serviceAccountPaths,
} from './service-account-files';
export type { ServiceAccountPaths } from './service-account-files';
export { readServiceAddress } from './service-environment';
export type { Environment } from './service-environment';
export { discoverNamespace, validateNamespace } from './namespace';
export { joinHostPort, serverUrl } from './server-address';
export type * from './kubeconfig';
