/**
 * @incluster/pulumi-adapter: an explicit, rotation-safe in-cluster Kubernetes provider for Pulumi programs.
 *
 * - createInClusterProvider() builds the k8s.Provider;
 * - inClusterKubeconfig() gives the kubeconfig text for anything else;
 * - pulumiKubeconfigAdapter is this package's @incluster/core Adapter.
 */
export { createInClusterProvider } from './create-provider';
export { inClusterKubeconfig } from './in-cluster-kubeconfig';
export { pulumiKubeconfigAdapter } from './provider-kubeconfig';
export type { ProviderKubeconfig } from './provider-kubeconfig';
export type { InClusterProviderArgs, OutsideCluster } from './provider-args';
