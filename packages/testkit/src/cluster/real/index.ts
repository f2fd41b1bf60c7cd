/**
 * A real control plane as a test fixture, as controller-runtime's envtest makes one: etcd, kube-apiserver and
 * kube-controller-manager on loopback (startRealCluster), Pods whose volumes hold real bound tokens (RealPod;
 * useRealPod for a describe block), and a Jest global teardown that ends what a crashed worker left (global-teardown.ts).
 */
export { RealCluster, RealPodOptions, startRealCluster } from './real-cluster';
export { RealPod } from './real-pod';
export { RealPodFixture, useRealPod } from './use-real-pod';
export { AdminCredentials, ApiReply, callApi } from './admin-api';
export { SERVICE_ACCOUNT_ISSUER } from './kube-apiserver';
export { reapOrphans } from './process-registry';
