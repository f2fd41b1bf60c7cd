/**
 * @incluster/client-node-adapter: a @kubernetes/client-node KubeConfig for the Pod it runs in, with the token re-read
 * as the kubelet rotates it (client-node ignores a kubeconfig's tokenFile).
 *
 * - createInClusterKubeConfig() returns the KubeConfig;
 * - inClusterKubeConfigOptions() returns the same as plain data for KubeConfig.loadFromOptions();
 * - clientNodeAdapter is this package's @incluster/core Adapter.
 */
export { createInClusterKubeConfig, inClusterKubeConfigOptions } from './create-kube-config';
export { clientNodeAdapter } from './kube-config-options';
export type { KubeConfigOptions } from './kube-config-options';
