import { mkdirSync } from 'node:fs';
import { createCaCertificate } from '@incluster/testkit';
import { testCertificates } from './support/certificates';
import { errorCode, run } from './support/run';
import { KUBERNETES_SERVICE, simulatedPod, useContainer } from './support/simulated-pod';

// The doctor's clock is pinned, to whole seconds, near the real time: the test CA is valid from an hour ago to a day ahead.
// The Pod's tokens are issued on it, and expire an hour later.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const IN_AN_HOUR_RFC3339 = new Date(NOW.getTime() + 3600_000).toISOString().replace('.000Z', 'Z');
// Whom a simulated Pod's tokens name, and for which audience, by default.
const SUBJECT = 'system:serviceaccount:team-a:deployer';
const AUDIENCE = 'https://kubernetes.default.svc.cluster.local';

const container = useContainer({ clock: () => NOW, tokenLifetimeSeconds: 3600 });

// run() checks every output against the tokens of every Pod of this file, the expired ones' included.
function doctor(argv: string[], env: Record<string, string | undefined> = container.env) {
  return run(['doctor', ...argv], env, { now: NOW });
}

function lineOf(stdout: string, title: string): string {
  return stdout.split('\n').find((line) => line.slice(2).startsWith(`${title}:`)) ?? `(no line for ${title})`;
}

describe('incluster-kubeconfig doctor', () => {
  it('passes every check in a healthy Pod and exits 0', async () => {
    const result = await doctor([]);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      '✓ API server address: https://127.0.0.1:6443',
      '    KUBERNETES_SERVICE_HOST: 127.0.0.1',
      '    KUBERNETES_SERVICE_PORT: 6443',
      `✓ token: a JWT for ${SUBJECT}`,
      `    path: ${container.pod.tokenPath}`,
      `    sub: ${SUBJECT}`,
      `    aud: ${AUDIENCE}`,
      `    exp: ${IN_AN_HOUR_RFC3339} (in 60 min)`,
      '✓ CA bundle (ca.crt): valid, CN=incluster test CA',
      `    path: ${container.pod.certificateAuthorityPath}`,
      '    certificates: 1',
      expect.stringMatching(/^ {4}certificate 1: CN=incluster test CA, expires \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in 24 h\)$/),
      '✓ namespace: team-a (from the namespace file)',
      '',
    ]);
  });

  it('says where the namespace came from', async () => {
    expect(lineOf((await doctor([], { ...container.env, POD_NAMESPACE: 'team-b' })).stdout, 'namespace')).toBe('✓ namespace: team-b (from POD_NAMESPACE)');
    container.pod.remove('namespace');
    expect(lineOf((await doctor([])).stdout, 'namespace')).toMatch(/^✓ namespace: default \(the default/);
  });

  it('marks every problem at once with ✗ and a fix, and exits 1 with the first problem on stderr', async () => {
    container.pod.remove('token');
    container.pod.remove('ca.crt');

    const result = await doctor([], { INCLUSTER_SERVICE_ACCOUNT_DIR: container.pod.serviceAccountDir });

    expect(result.code).toBe(1);
    expect(lineOf(result.stdout, 'API server address')).toMatch(/^✗ API server address: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set/);
    expect(lineOf(result.stdout, 'token')).toMatch(/^✗ token: .*\/token does not exist/);
    expect(lineOf(result.stdout, 'CA bundle (ca.crt)')).toMatch(/^✗ CA bundle \(ca.crt\): .* does not exist/);
    expect(result.stdout.match(/^ {4}fix: .+$/gm)).toHaveLength(3);
    expect(result.stdout).toContain('fix: set automountServiceAccountToken: true');
    expect(errorCode(result.stderr)).toBe('NOT_IN_CLUSTER');
    expect(result.stderr).toMatch(/3 of 4 checks failed/);
  });

  it('names --service-account-dir in the fix when that flag gave the directory', async () => {
    container.pod.remove('token');

    const report = JSON.parse((await doctor(['--json', '--service-account-dir', container.pod.serviceAccountDir])).stdout);

    expect(report.checks[1]).toMatchObject({
      id: 'token',
      code: 'SERVICE_ACCOUNT_NOT_MOUNTED',
      hint: `Correct --service-account-dir ${container.pod.serviceAccountDir}, or leave the flag out to use $INCLUSTER_SERVICE_ACCOUNT_DIR, else the kubelet's mount point.`,
    });
  });

  it('fails an expired token with TOKEN_EXPIRED', async () => {
    const expired = simulatedPod({ clock: () => NOW, tokenLifetimeSeconds: -120 });

    const result = await doctor([], expired.env(KUBERNETES_SERVICE));
    expired.dispose();

    expect(lineOf(result.stdout, 'token')).toBe('✗ token: expired 2 min ago: the API server will refuse it');
    expect(errorCode(result.stderr)).toBe('TOKEN_EXPIRED');
  });

  it('fails an empty token, an unreadable or unparsable CA, a bad port and a bad namespace, each with its code', async () => {
    container.pod.write('token', '');
    container.pod.remove('ca.crt');
    mkdirSync(container.pod.certificateAuthorityPath);
    container.pod.write('namespace', 'Not_A_Label');

    const result = await doctor(['--json'], { ...container.env, KUBERNETES_SERVICE_PORT: '99999' });
    const codes = Object.fromEntries(JSON.parse(result.stdout).checks.map((check: { id: string; code?: string }) => [check.id, check.code]));

    expect(codes).toEqual({
      'api-server-address': 'INVALID_ENVIRONMENT',
      token: 'EMPTY_TOKEN',
      'certificate-authority': 'UNREADABLE_FILE',
      namespace: 'INVALID_NAMESPACE',
    });
  });

  it('fails a ca.crt that holds no certificate with INVALID_CERTIFICATE_AUTHORITY', async () => {
    container.pod.write('ca.crt', '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n');

    const result = await doctor([]);

    expect(lineOf(result.stdout, 'CA bundle (ca.crt)')).toMatch(/^✗ CA bundle \(ca.crt\): holds no readable PEM certificate/);
    expect(errorCode(result.stderr)).toBe('INVALID_CERTIFICATE_AUTHORITY');
  });

  describe('judges the whole ca.crt bundle, as clients do', () => {
    // During a CA rotation the bundle holds the old CA, expired or about to, beside the new one.
    const DAY_MS = 24 * 3600_000;
    const expiredCa = createCaCertificate({ commonName: 'old cluster CA', notBefore: new Date(NOW.getTime() - 400 * DAY_MS), notAfter: new Date(NOW.getTime() - 3 * DAY_MS) });
    const certificateLines = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('    certificate'));

    it.each([
      ['old CA first', (current: string) => expiredCa + current, 1],
      ['old CA last', (current: string) => current + expiredCa, 2],
    ])('passes a bundle with an expired CA beside a valid one (%s), listing both and warning about the expired one', async (_order, bundle, expiredNumber) => {
      container.pod.write('ca.crt', bundle(testCertificates().caCertificate));

      const result = await doctor([]);

      expect(result.code).toBe(0);
      expect(lineOf(result.stdout, 'CA bundle (ca.crt)')).toBe('✓ CA bundle (ca.crt): valid, CN=incluster test CA (1 of 2 certificates valid)');
      expect(certificateLines(result.stdout)).toEqual([
        '    certificates: 2',
        ...[1, 2].map((number) =>
          number === expiredNumber
            ? expect.stringMatching(new RegExp(`^    certificate ${number}: CN=old cluster CA, expired \\S+Z \\(3 days ago\\)$`))
            : expect.stringMatching(new RegExp(`^    certificate ${number}: CN=incluster test CA, expires \\S+Z \\(in 24 h\\)$`)),
        ),
      ]);
      expect(result.stdout).toContain(
        `    warning: certificate ${expiredNumber} (CN=old cluster CA) expired 3 days ago: clients skip it, and it can leave the bundle once the CA rotation is over\n`,
      );
    });

    it('gives the warnings in JSON too', async () => {
      container.pod.write('ca.crt', expiredCa + testCertificates().caCertificate);

      const report = JSON.parse((await doctor(['--json'])).stdout);

      expect(report.ok).toBe(true);
      expect(report.checks[2]).toMatchObject({ id: 'certificate-authority', status: 'pass', warnings: [expect.stringMatching(/^certificate 1 \(CN=old cluster CA\) expired/)] });
    });

    it('fails with INVALID_CERTIFICATE_AUTHORITY when no certificate in it is valid now', async () => {
      container.pod.write('ca.crt', expiredCa + expiredCa);

      const result = await doctor([]);

      expect(lineOf(result.stdout, 'CA bundle (ca.crt)')).toBe('✗ CA bundle (ca.crt): none of its 2 certificates is valid now');
      expect(errorCode(result.stderr)).toBe('INVALID_CERTIFICATE_AUTHORITY');
    });

    it('fails a bundle of one expired CA with how long ago it expired', async () => {
      container.pod.write('ca.crt', expiredCa);

      expect(lineOf((await doctor([])).stdout, 'CA bundle (ca.crt)')).toBe('✗ CA bundle (ca.crt): expired 3 days ago');
    });
  });

  it('shows a token that is not a JWT as present, with its claims unknown', async () => {
    container.pod.write('token', 'an-opaque-token');

    const result = await doctor([]);

    expect(result.code).toBe(0);
    expect(lineOf(result.stdout, 'token')).toBe('✓ token: present, but not a JWT: its subject and expiry are unknown');
    expect(result.stdout + result.stderr).not.toContain('an-opaque-token');
  });

  it('prints the checklist as JSON with --json', async () => {
    const result = await doctor(['--json']);
    const report = JSON.parse(result.stdout);

    expect(result.code).toBe(0);
    expect(report).toEqual({ ok: true, checks: expect.any(Array) });
    expect(report.checks.map((check: { id: string }) => check.id)).toEqual(['api-server-address', 'token', 'certificate-authority', 'namespace']);
    expect(report.checks[1]).toEqual({
      id: 'token',
      title: 'token',
      status: 'pass',
      summary: `a JWT for ${SUBJECT}`,
      details: { path: container.pod.tokenPath, sub: SUBJECT, aud: AUDIENCE, exp: `${IN_AN_HOUR_RFC3339} (in 60 min)` },
    });
  });

  it('gives a failed check its code and fix in JSON, and ok: false', async () => {
    container.pod.remove('token');

    const report = JSON.parse((await doctor(['--json'])).stdout);

    expect(report.ok).toBe(false);
    expect(report.checks[1]).toMatchObject({ id: 'token', status: 'fail', code: 'SERVICE_ACCOUNT_NOT_MOUNTED', hint: expect.stringContaining('automountServiceAccountToken') });
  });

  it('skips the probe, and says so, until the checks pass', async () => {
    const result = await doctor(['--probe'], { INCLUSTER_SERVICE_ACCOUNT_DIR: container.pod.serviceAccountDir });

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('- GET /version: not attempted until the checks above pass');
    expect(errorCode(result.stderr)).toBe('NOT_IN_CLUSTER');
  });
});
