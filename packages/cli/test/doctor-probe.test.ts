import { SimulatedPod, createTestCertificates } from '@incluster/testkit';
import { FakeApiServer, startFakeApiServer } from './support/api-server';
import { testCertificates } from './support/certificates';
import { errorCode, run } from './support/run';

// A Pod laid out as the kubelet does (..data symlinks), whose tokens the fake API server accepts until revoked.
let pod: SimulatedPod;
let server: FakeApiServer;
let env: Record<string, string>;

beforeEach(async () => {
  pod = new SimulatedPod({ certificateAuthority: testCertificates().caCertificate });
  server = await startFakeApiServer(testCertificates(), (token) => pod.identify(token)?.username);
  env = pod.env({ host: '127.0.0.1', port: server.port });
});
afterEach(async () => {
  await server.close();
  pod.dispose();
});

async function probe(argv: string[] = []) {
  const result = await run(['doctor', '--probe', ...argv], env);
  expect(result.stdout + result.stderr).not.toContain(pod.currentToken);
  return result;
}

describe('incluster-kubeconfig doctor --probe', () => {
  it("asks the API server for its version and whom the Pod's token authenticates as, and exits 0", async () => {
    const result = await probe();

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('✓ GET /version: v1.35.0\n');
    expect(result.stdout).toContain(`✓ who am I (SelfSubjectReview): ${pod.identity.username}\n`);
    expect(server.requests).toEqual([
      { method: 'GET', path: '/version', body: undefined, authenticated: true },
      {
        method: 'POST',
        path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
        authenticated: true,
      },
    ]);
  });

  it('reads the token at the time of the probe, so a rotated token is the one sent', async () => {
    const old = pod.currentToken;
    pod.rotate();
    pod.revoke(old);

    expect((await probe()).code).toBe(0);
  });

  it('fails with PROBE_FAILED and exit 1 when the API server refuses the token (401)', async () => {
    pod.revoke(pod.currentToken);

    const result = await probe();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ who am I (SelfSubjectReview): HTTP 401: Unauthorized\n');
    expect(result.stdout).toMatch(/fix: the API server refused the token/);
    expect(errorCode(result.stderr)).toBe('PROBE_FAILED');
  });

  it("fails with PROBE_FAILED when ca.crt does not verify the server's certificate", async () => {
    const otherPod = new SimulatedPod({ certificateAuthority: createTestCertificates().caCertificate });
    env = otherPod.env({ host: '127.0.0.1', port: server.port });

    const result = await run(['doctor', '--probe', '--json'], env);
    const report = JSON.parse(result.stdout);
    otherPod.dispose();

    expect(result.code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.checks.find((check: { id: string }) => check.id === 'version')).toMatchObject({
      status: 'fail',
      code: 'PROBE_FAILED',
      hint: expect.stringContaining('ca.crt does not verify'),
    });
    expect(server.requests).toEqual([]);
  });

  it('fails with PROBE_FAILED when nothing listens at the address', async () => {
    await server.close();

    const result = await probe();

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ GET \/version: https:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/);
    expect(errorCode(result.stderr)).toBe('PROBE_FAILED');
  });
});
