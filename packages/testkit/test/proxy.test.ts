import { createTestCertificates } from '../src/cluster/certificates';
import { type Proxy as StandInProxy, type ProxyProtocol, startProxy } from '../src/cluster/stand-in/proxy';
import { kubectlGetConfigMapNames } from '../src/clients/kubectl';
import { useSimulatedCluster } from './support/simulated-cluster-fixture';
import { writeKubeconfigFile } from './support/kubeconfig-file';

// The stand-in proxies are proven with the real kubectl: client-go's proxy-url goes through each of them to the API
// server, so a producer or a probe that gets through them goes as client-go would.
const certificates = createTestCertificates();
const cluster = useSimulatedCluster({ certificates });

let proxy: StandInProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function kubectlThrough(url: string): Promise<string[]> {
  const kubeconfig = writeKubeconfigFile(cluster.workDir, { ...cluster.kubeconfig({ tokenFile: cluster.pod.tokenPath }), proxyUrl: url });
  return (await kubectlGetConfigMapNames(kubeconfig, cluster.pod.namespace)).sort();
}

describe.each<ProxyProtocol>(['http', 'https', 'socks5'])('startProxy: %s', (protocol) => {
  // The https proxy serves the API server's own certificate: client-go verifies an https proxy against the
  // kubeconfig's CA (and tls-server-name), the TLS settings it has for the API server.
  const options = { protocol, tls: protocol === 'https' ? certificates : undefined };

  it("tunnels real kubectl to the API server, and records where to", async () => {
    proxy = await startProxy(options);

    expect(await kubectlThrough(proxy.url)).toEqual(['kube-root-ca.crt', 'settings']);
    expect(proxy.tunnels).toContain(`127.0.0.1:${cluster.server.port}`);
  });

  it('demands its credentials when it has some, and lets kubectl through with those in the proxy-url', async () => {
    proxy = await startProxy({ ...options, credentials: { username: 'pod', password: 's3cret' } });

    await expect(kubectlThrough(proxy.url.replace('s3cret', 'wrong'))).rejects.toThrow();
    expect(proxy.refused).toBeGreaterThan(0);
    expect(await kubectlThrough(proxy.url)).toEqual(['kube-root-ca.crt', 'settings']);
  });
});
