/**
 * The servers a kubeconfig is proven against:
 * - stand-in/: our own API server over real TLS, which knows a simulated Pod's tokens (fast, for every case), and the
 *   http, https and socks5 proxies a proxy-url may name;
 * - real/: etcd and kube-apiserver, built from pinned sources, with real bound tokens, RBAC and revocation;
 * - the TLS material and network probes both share.
 */
export { ApiServer, ApiServerOptions, RecordedRequest, startApiServer, tokenTag } from './stand-in/api-server';
export { SimulatedCluster, SimulatedClusterOptions, startSimulatedCluster } from './stand-in/simulated-cluster';
export { Proxy, ProxyOptions, ProxyProtocol, startProxy } from './stand-in/proxy';
export { TestCertificates, createCaCertificate, createTestCertificates } from './certificates';
export { hasIpv6Loopback } from './ipv6-loopback';
export * from './real';
