import { existsSync } from 'node:fs';
import { type RealCluster, type RealPod, callApi, startRealCluster } from '../src/cluster/real';
import { kubectlGetRawVersion, kubectlWhoami, runKubectl } from '../src/clients/kubectl';
import { decodeTokenClaims } from '../src/pod/service-account-token';
import { writeKubeconfigFile } from './support/kubeconfig-file';
import { isRunning } from './support/is-running';

// A cold first run builds etcd and kube-apiserver (minutes); `npm test` builds them before any test starts.
const START_TIMEOUT_MS = 45 * 60_000;

describe('a real control plane (etcd and kube-apiserver)', () => {
  let cluster: RealCluster;
  let pod: RealPod;
  let kubeconfig: string;
  beforeAll(async () => {
    cluster = await startRealCluster();
    pod = await cluster.startPod({ namespace: 'team-a', serviceAccount: 'deployer' });
    await cluster.putConfigMap('team-a', 'settings', { greeting: 'hello' });
    kubeconfig = writeKubeconfigFile(cluster.workDir, {
      server: cluster.url,
      certificateAuthority: cluster.caCertificate,
      user: { tokenFile: pod.tokenPath },
      namespace: 'team-a',
    });
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    pod?.dispose();
    await cluster?.dispose();
  });

  it('reports the pinned version on /version', async () => {
    expect((await kubectlGetRawVersion(kubeconfig)).gitVersion).toBe(cluster.version);
  });

  it("knows the Pod as its ServiceAccount, from a TokenRequest token bound to a Secret", async () => {
    expect(await kubectlWhoami(kubeconfig)).toBe('system:serviceaccount:team-a:deployer');
    const claims = decodeTokenClaims(pod.currentToken) as unknown as { 'kubernetes.io': { secret?: { name: string } }; exp: number; iat: number };
    expect(claims['kubernetes.io'].secret?.name).toBe('deployer-token-1');
    expect(claims.exp - claims.iat).toBe(3607);
  });

  it('allows ConfigMaps in the Pod namespace and refuses everything else with 403', async () => {
    expect((await runKubectl(['get', 'configmap', 'settings', '-o', 'jsonpath={.data.greeting}'], { kubeconfig })).stdout).toBe('hello');
    expect((await runKubectl(['create', 'configmap', 'made-by-the-pod', '--from-literal=a=b'], { kubeconfig })).code).toBe(0);
    const secrets = await runKubectl(['get', 'secrets'], { kubeconfig });
    expect(secrets.code).toBe(1);
    expect(secrets.stderr).toContain('secrets is forbidden: User "system:serviceaccount:team-a:deployer" cannot list resource "secrets"');
  });

  it('rotates as the kubelet does: a new token on disk, and the old one still valid until revoked', async () => {
    const old = pod.currentToken;
    const fresh = await pod.rotate();
    expect(fresh).not.toBe(old);
    expect(pod.currentToken).toBe(fresh);
    expect(await status(old)).toBe(200);
    await pod.revoke(old);
    expect(await status(old)).toBe(401);
    expect(await status(fresh)).toBe(200);
    expect(await kubectlWhoami(kubeconfig)).toBe('system:serviceaccount:team-a:deployer');
  }, 60_000);

  it('answers on [::1] too, through the same TLS certificate', async () => {
    expect(cluster.ipv6Port).toBeDefined();
    const ipv6 = writeKubeconfigFile(cluster.workDir, {
      server: `https://[::1]:${cluster.ipv6Port}`,
      certificateAuthority: cluster.caCertificate,
      user: { tokenFile: pod.tokenPath },
      namespace: 'team-a',
    });
    expect(await kubectlWhoami(ipv6)).toBe('system:serviceaccount:team-a:deployer');
  });

  function status(token: string): Promise<number> {
    return callApi(cluster.admin, 'GET', '/api/v1/namespaces/team-a/configmaps', { token }).then((reply) => reply.status);
  }
});

describe('tearing a real cluster down', () => {
  it('leaves no process and no directory behind', async () => {
    const cluster = await startRealCluster();
    const pids = [...cluster.pids];
    expect(pids.every(isRunning)).toBe(true);
    await cluster.dispose();
    expect(existsSync(cluster.workDir)).toBe(false);
    for (const pid of pids) {
      expect(isRunning(pid)).toBe(false);
    }
  }, START_TIMEOUT_MS);
});
