import { join } from 'node:path';
import {
  SimulatedCluster,
  SimulatedPod,
  createCaCertificate,
  createTestCertificates,
  kubectlGetConfigMapNames,
  startSimulatedCluster,
  tokenTag,
} from '@incluster/testkit';
import { testCertificates } from './support/certificates';
import { errorCode, run } from './support/run';

// A Pod laid out as the kubelet does (..data symlinks), and a stand-in API server that accepts its tokens until revoked.
let cluster: SimulatedCluster;

beforeEach(async () => {
  cluster = await startSimulatedCluster({ certificates: testCertificates() });
});
afterEach(() => cluster.dispose());

async function probe(argv: string[] = []) {
  const result = await run(['doctor', '--probe', ...argv], cluster.env);
  expect(result.stdout + result.stderr).not.toContain(cluster.pod.currentToken);
  return result;
}

describe('incluster-kubeconfig doctor --probe', () => {
  it("asks the API server for its version and whom the Pod's token authenticates as, and exits 0", async () => {
    const result = await probe();

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('✓ GET /version: v1.35.0\n');
    expect(result.stdout).toContain(`✓ who am I (SelfSubjectReview): ${cluster.pod.identity.username}\n`);
    const podToken = tokenTag(cluster.pod.currentToken);
    expect(cluster.server.requests).toEqual([
      { method: 'GET', path: '/version', tokenTag: podToken, status: 200 },
      { method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', tokenTag: podToken, status: 201 },
    ]);
  });

  it('reads the token at the time of the probe, so a rotated token is the one sent', async () => {
    const old = cluster.pod.currentToken;
    cluster.pod.rotate();
    cluster.pod.revoke(old);

    expect((await probe()).code).toBe(0);
  });

  it('fails with PROBE_FAILED and exit 1 when the API server refuses the token (401)', async () => {
    cluster.pod.revoke(cluster.pod.currentToken);

    const result = await probe();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ who am I (SelfSubjectReview): HTTP 401: Unauthorized\n');
    expect(result.stdout).toMatch(/fix: the API server refused the token/);
    expect(errorCode(result.stderr)).toBe('PROBE_FAILED');
  });

  it("fails with PROBE_FAILED when ca.crt does not verify the server's certificate", async () => {
    const otherPod = new SimulatedPod({ certificateAuthority: createTestCertificates().caCertificate });

    const result = await run(['doctor', '--probe', '--json'], otherPod.env(cluster.server));
    const report = JSON.parse(result.stdout);
    otherPod.dispose();

    expect(result.code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.checks.find((check: { id: string }) => check.id === 'version')).toMatchObject({
      status: 'fail',
      code: 'PROBE_FAILED',
      hint: expect.stringContaining('ca.crt does not verify'),
    });
    expect(cluster.server.requests).toEqual([]);
  });

  it('probes through a CA bundle whose first certificate expired during a CA rotation, as kubectl does with it', async () => {
    const day = 24 * 3600_000;
    const expired = createCaCertificate({ commonName: 'old cluster CA', notBefore: new Date(Date.now() - 400 * day), notAfter: new Date(Date.now() - 3 * day) });
    cluster.pod.write('ca.crt', expired + testCertificates().caCertificate);
    const kubeconfig = join(cluster.workDir, 'config');
    await run(['render', '--output-file', kubeconfig], cluster.env);

    const result = await probe();
    const kubectl = await kubectlGetConfigMapNames(kubeconfig, cluster.pod.namespace);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ GET /version: v1.35.0\n');
    expect(kubectl).toEqual(['settings']);
  });

  it('fails with PROBE_FAILED when nothing listens at the address', async () => {
    await cluster.server.close();

    const result = await probe();

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ GET \/version: https:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/);
    expect(errorCode(result.stderr)).toBe('PROBE_FAILED');
  });
});
