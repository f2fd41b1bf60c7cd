/**
 * The servers a kubeconfig is proven against:
 * - stand-in/: our own API server over real TLS, which knows a simulated Pod's tokens (fast, for every case);
 * - real/: etcd and kube-apiserver, built from pinned sources, with real bound tokens, RBAC and revocation;
 * - the TLS material and network probes both share.
 */
export { ApiServer, ApiServerOptions, RecordedRequest, startApiServer, tokenTag } from './stand-in/api-server';
export { SimulatedCluster, SimulatedClusterOptions, startSimulatedCluster } from './stand-in/simulated-cluster';
export { TestCertificates, createCaCertificate, createTestCertificates } from './certificates';
export { hasIpv6Loopback } from './ipv6-loopback';
export * from './real';
