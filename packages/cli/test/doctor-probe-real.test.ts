import { REAL_CLUSTER_START_TIMEOUT_MS, RealCluster, RealPod, startRealCluster } from '@incluster/testkit';
import { errorCode, run } from './support/run';

// The probe against a real kube-apiserver: its /version, and a SelfSubjectReview of a TokenRequest token.
describe('incluster-kubeconfig doctor --probe, against a real kube-apiserver', () => {
  let cluster: RealCluster;
  let pod: RealPod;
  beforeAll(async () => {
    cluster = await startRealCluster();
    pod = await cluster.startPod({ namespace: 'team-a', serviceAccount: 'deployer' });
  }, REAL_CLUSTER_START_TIMEOUT_MS);
  afterAll(async () => {
    pod?.dispose();
    await cluster?.dispose();
  });

  async function probe() {
    const result = await run(['doctor', '--probe'], pod.env({ host: cluster.host, port: cluster.port }));
    expect(result.stdout + result.stderr).not.toContain(pod.currentToken);
    return result;
  }

  it('reports the real version, and the ServiceAccount the token authenticates as', async () => {
    const result = await probe();

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`✓ GET /version: ${cluster.version}\n`);
    expect(result.stdout).toContain('✓ who am I (SelfSubjectReview): system:serviceaccount:team-a:deployer\n');
  });

  it('fails with PROBE_FAILED once the token is revoked, as the real server refuses it', async () => {
    await pod.revoke(pod.currentToken);

    const result = await probe();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ who am I (SelfSubjectReview): HTTP 401: Unauthorized\n');
    expect(errorCode(result.stderr)).toBe('PROBE_FAILED');
  });
});
