import { join } from 'node:path';
import {
  type Proxy as StandInProxy,
  type ProxyProtocol,
  type SimulatedCluster,
  createCaCertificate,
  createTestCertificates,
  kubectlGetConfigMapNames,
  startProxy,
  tokenTag,
} from '@incluster/testkit';
import { testCertificates } from './support/certificates';
import { errorCode, run } from './support/run';
import { simulatedCluster, simulatedPod } from './support/simulated-pod';

// A Pod laid out as the kubelet does (..data symlinks), and a stand-in API server that accepts its tokens until revoked.
let cluster: SimulatedCluster;

beforeEach(async () => {
  cluster = await simulatedCluster();
});
afterEach(() => cluster.dispose());

const SUCCESS = ['✓ GET /version: v1.35.0', '✓ who am I (SelfSubjectReview): system:serviceaccount:team-a:deployer'];

/** The probe's own lines, ✓ or ✗, without their details. */
function probeLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^[✓✗-] (GET \/version|who am I|exec credential plugin)/.test(line));
}

// run() checks every output against the tokens of every Pod of this file.
function probe(argv: string[] = []) {
  return run(['doctor', '--probe', ...argv], cluster.env);
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
    const otherPod = simulatedPod({ certificateAuthority: createTestCertificates().caCertificate });

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

  describe("takes render's connection options, and calls the API server as that kubeconfig would", () => {
    let proxy: StandInProxy | undefined;
    afterEach(async () => {
      await proxy?.close();
      proxy = undefined;
    });

    it('--server: at that URL, for a host name the certificate carries', async () => {
      const result = await probe(['--server', `https://localhost:${cluster.server.port}`]);

      expect(probeLines(result.stdout)).toEqual(SUCCESS);
    });

    it("--tls-server-name: verifies the certificate for that name, the fix troubleshooting.md gives for PROBE_FAILED", async () => {
      const right = await probe(['--tls-server-name', 'kubernetes.default.svc']);
      const wrong = await probe(['--tls-server-name', 'not-in-the-certificate.example']);

      expect(probeLines(right.stdout)).toEqual(SUCCESS);
      expect(wrong.code).toBe(1);
      expect(errorCode(wrong.stderr)).toBe('PROBE_FAILED');
      expect(wrong.stdout).toMatch(/✗ GET \/version: .*not-in-the-certificate\.example/);
      expect(wrong.stdout).toContain("fix: ca.crt does not verify the API server's certificate for not-in-the-certificate.example");
    });

    it('--embed-ca: with the CA as the kubeconfig would carry it', async () => {
      expect(probeLines((await probe(['--embed-ca'])).stdout)).toEqual(SUCCESS);
    });

    it.each<ProxyProtocol>(['http', 'https', 'socks5'])('--proxy-url %s://: through the proxy, with the TLS to the API server end to end', async (protocol) => {
      proxy = await startProxy({ protocol, tls: testCertificates(), credentials: { username: 'pod', password: 'pass word' } });

      const result = await probe(['--proxy-url', proxy.url]);

      expect(probeLines(result.stdout)).toEqual(SUCCESS);
      expect(proxy.tunnels).toEqual([`127.0.0.1:${cluster.server.port}`, `127.0.0.1:${cluster.server.port}`]);
    });

    it('--proxy-url: fails with PROBE_FAILED, naming the proxy, when the proxy refuses', async () => {
      proxy = await startProxy({ protocol: 'http', credentials: { username: 'pod', password: 'right' } });

      const result = await probe(['--proxy-url', proxy.url.replace('right', 'wrong')]);

      expect(errorCode(result.stderr)).toBe('PROBE_FAILED');
      expect(result.stdout).toMatch(/✗ GET \/version: .* \(through the proxy http:\/\/127\.0\.0\.1:\d+\): the proxy .* answered CONNECT .* with HTTP 407/);
      expect(result.stdout).toContain('fix: check --proxy-url');
      expect(result.stdout + result.stderr).not.toContain('wrong@');
    });

    it("--credential exec: runs the kubeconfig's exec plugin for the token, and says so", async () => {
      const result = await probe(['--credential', 'exec']);

      expect(probeLines(result.stdout)).toEqual(['✓ exec credential plugin: /bin/sh printed a token', ...SUCCESS]);
      expect(cluster.server.requests.map((request) => request.tokenTag)).toEqual([tokenTag(cluster.pod.currentToken), tokenTag(cluster.pod.currentToken)]);
    });

    it('--credential embedded: with the token the kubeconfig would hold, which is never printed', async () => {
      expect(probeLines((await probe(['--credential', 'embedded'])).stdout)).toEqual(SUCCESS);
    });

    it('refuses an option render would refuse, as INVALID_OPTION with exit 2, before any check', async () => {
      const result = await probe(['--server', `http://127.0.0.1:${cluster.server.port}`]);

      expect({ code: result.code, stdout: result.stdout, error: errorCode(result.stderr) }).toEqual({ code: 2, stdout: '', error: 'INVALID_OPTION' });
      expect(cluster.server.requests).toEqual([]);
    });
  });

  it('fails with PROBE_FAILED when nothing listens at the address', async () => {
    await cluster.server.close();

    const result = await probe();

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ GET \/version: https:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/);
    expect(errorCode(result.stderr)).toBe('PROBE_FAILED');
  });
});
