import { useRealPod } from '@incluster/testkit';
import { errorCode, run } from './support/run';

// The probe against a real kube-apiserver: its /version, and a SelfSubjectReview of a TokenRequest token.
describe('incluster-kubeconfig doctor --probe, against a real kube-apiserver', () => {
  const real = useRealPod();

  async function probe() {
    const result = await run(['doctor', '--probe'], real.env());
    expect(result.stdout + result.stderr).not.toContain(real.pod.currentToken);
    return result;
  }

  it('reports the real version, and the ServiceAccount the token authenticates as', async () => {
    const result = await probe();

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`✓ GET /version: ${real.cluster.version}\n`);
    expect(result.stdout).toContain('✓ who am I (SelfSubjectReview): system:serviceaccount:team-a:deployer\n');
  });

  it('fails with PROBE_FAILED once the token is revoked, as the real server refuses it', async () => {
    await real.pod.revoke(real.pod.currentToken);

    const result = await probe();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ who am I (SelfSubjectReview): HTTP 401: Unauthorized\n');
    expect(errorCode(result.stderr)).toBe('PROBE_FAILED');
  });
});
