/**
 * A real control plane as a test fixture, as controller-runtime's envtest makes one: etcd and kube-apiserver on
 * loopback (startRealCluster), Pods whose volumes hold real bound tokens (RealPod), and a Jest global teardown that
 * ends what a crashed worker left running (global-teardown.ts).
 */
export { RealCluster, RealPodOptions, startRealCluster } from './real-cluster';
export { RealPod } from './real-pod';
export { AdminCredentials, ApiReply, callApi } from './admin-api';
export { SERVICE_ACCOUNT_ISSUER } from './kube-apiserver';
export { reapOrphans } from './process-registry';
