import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiServer, startApiServer, tokenTag } from '../src/cluster/stand-in/api-server';
import { hasIpv6Loopback } from '../src/cluster/ipv6-loopback';
import { createTestCertificates } from '../src/cluster/certificates';
import { runKubectl } from '../src/clients/kubectl';
import type { ServiceAccountIdentity, TokenAuthority } from '../src/pod/token-authority';
import { writeKubeconfigFile } from './support/kubeconfig-file';

jest.setTimeout(60_000);

const GOOD_TOKEN = 'token-of-the-app-service-account';
const UNKNOWN_TOKEN = 'token-nobody-issued';
const APP: ServiceAccountIdentity = {
  username: 'system:serviceaccount:team-a:app',
  uid: '6f1c2a9e-0d3b-4a8e-9b61-3c2f4f5d7e10',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated'],
};
const authority: TokenAuthority = { identify: (token) => (token === GOOD_TOKEN ? APP : undefined) };

const tls = createTestCertificates();
const workDir = mkdtempSync(join(tmpdir(), 'incluster-api-server-test-'));
let server: ApiServer;
/** A kubeconfig for `server` with GOOD_TOKEN, in namespace team-a. */
let kubeconfig: string;

beforeAll(async () => {
  server = await startApiServer({ tls, authority });
  kubeconfig = kubeconfigFor(server);
  server.addConfigMap('team-a', 'settings', { color: 'blue', size: 'large' });
  server.addConfigMap('team-a', 'feature-flags', { beta: 'true' });
  server.addConfigMap('team-b', 'not-for-team-a', {});
});

afterAll(async () => {
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('real kubectl against the stand-in API server', () => {
  test('auth whoami reports the identity behind the token', async () => {
    const result = await runKubectl(['auth', 'whoami', '-o', 'json'], { kubeconfig });

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).status.userInfo).toEqual({
      username: APP.username,
      uid: APP.uid,
      groups: APP.groups,
    });
    expect(server.requests).toContainEqual({
      method: 'POST',
      path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      tokenTag: tokenTag(GOOD_TOKEN),
      status: 201,
    });
  });

  test('get --raw /version returns the version info', async () => {
    const result = await runKubectl(['get', '--raw', '/version'], { kubeconfig });

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ major: '1', minor: '35', gitVersion: 'v1.35.0' });
  });

  test('get configmaps lists the seeded config maps of the namespace by name', async () => {
    const result = await runKubectl(['get', 'configmaps', '-n', 'team-a'], { kubeconfig });

    expect(result.code).toBe(0);
    const names = result.stdout.trim().split('\n').slice(1).map((line) => line.split(/\s+/)[0]);
    expect(names).toEqual(['feature-flags', 'settings']);
  });

  test('get configmaps -o json returns the config maps with their data', async () => {
    const result = await runKubectl(['get', 'cm', '-n', 'team-a', '-o', 'json'], { kubeconfig });

    expect(result.code).toBe(0);
    const items = JSON.parse(result.stdout).items;
    expect(items.map((item: { metadata: { name: string } }) => item.metadata.name)).toEqual(['feature-flags', 'settings']);
    expect(items[1]).toMatchObject({ kind: 'ConfigMap', metadata: { namespace: 'team-a' }, data: { color: 'blue', size: 'large' } });
  });

  test('get configmap by name returns it, and tells a missing config map from a missing namespace', async () => {
    const found = await runKubectl(['get', 'configmap', 'settings', '-n', 'team-a', '-o', 'json'], { kubeconfig });
    const missing = await runKubectl(['get', 'configmap', 'settings', '-n', 'team-b'], { kubeconfig });
    const noNamespace = await runKubectl(['get', 'configmap', 'settings', '-n', 'team-z'], { kubeconfig });

    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout).data).toEqual({ color: 'blue', size: 'large' });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('configmaps "settings" not found');
    expect(noNamespace.code).not.toBe(0);
    expect(noNamespace.stderr).toContain('namespaces "team-z" not found');
  });

  test('an unknown token is refused, and the server records the 401s under that token tag', async () => {
    const unknownToken = kubeconfigFor(server, { token: UNKNOWN_TOKEN });
    const result = await runKubectl(['get', 'configmaps', '-n', 'team-a'], { kubeconfig: unknownToken });

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('You must be logged in to the server');
    const refused = server.requests.filter((request) => request.tokenTag === tokenTag(UNKNOWN_TOKEN));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((request) => request.status === 401)).toBe(true);
  });

  test('TLS verification is real: with another CA kubectl fails with an x509 error and sends nothing', async () => {
    const otherCa = createTestCertificates().caCertificate;
    const wrongCaToken = 'token-sent-to-a-server-nobody-trusts';
    const trustingOtherCa = kubeconfigFor(server, { token: wrongCaToken, caCertificate: otherCa });
    const result = await runKubectl(['get', '--raw', '/version'], { kubeconfig: trustingOtherCa });

    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/x509: certificate signed by unknown authority/);
    expect(server.requests.filter((request) => request.tokenTag === tokenTag(wrongCaToken))).toEqual([]);
  });

  test('every request kubectl makes is authenticated with the kubeconfig token', async () => {
    const first = server.requests.length;
    await runKubectl(['get', 'configmaps', '-n', 'team-a'], { kubeconfig });

    const made = server.requests.slice(first);
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((request) => request.tokenTag === tokenTag(GOOD_TOKEN) && request.status === 200)).toBe(true);
  });

  // Shown as skipped where the machine has no ::1.
  (hasIpv6Loopback() ? test : test.skip)('over IPv6 loopback', async () => {
    const ipv6Server = await startApiServer({ tls, authority, host: '::1' });
    try {
      ipv6Server.addConfigMap('team-a', 'over-ipv6', {});
      expect(ipv6Server.url).toBe(`https://[::1]:${ipv6Server.port}`);

      const overIpv6 = kubeconfigFor(ipv6Server);
      const whoami = await runKubectl(['auth', 'whoami', '-o', 'json'], { kubeconfig: overIpv6 });
      const list = await runKubectl(['get', 'configmaps', '-n', 'team-a'], { kubeconfig: overIpv6 });

      expect(whoami.code).toBe(0);
      expect(JSON.parse(whoami.stdout).status.userInfo.username).toBe(APP.username);
      expect(list.code).toBe(0);
      expect(list.stdout).toContain('over-ipv6');
    } finally {
      await ipv6Server.close();
    }
  });
});

describe('the stand-in API server answers like Kubernetes and never crashes', () => {
  test('an unknown path is a 404 Status', async () => {
    const response = await send('GET', '/apis/apps/v1/deployments', { token: GOOD_TOKEN });

    expect(response.status).toBe(404);
    expect(response.contentType).toBe('application/json');
    expect(JSON.parse(response.body)).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 });
  });

  test('a request without a token is a 401 Status, recorded without a tag', async () => {
    const response = await send('GET', '/version/no-token-here');

    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
    expect(server.requests).toContainEqual({ method: 'GET', path: '/version/no-token-here', tokenTag: undefined, status: 401 });
  });

  test('the token itself is never recorded', () => {
    expect(JSON.stringify(server.requests)).not.toContain(GOOD_TOKEN);
    expect(JSON.stringify(server.requests)).not.toContain(UNKNOWN_TOKEN);
  });

  test('a garbage body is ignored, a body in an unknown format is 415, an oversized one 413', async () => {
    const reviews = '/apis/authentication.k8s.io/v1/selfsubjectreviews';
    const garbage = await send('POST', reviews, { token: GOOD_TOKEN, contentType: 'application/json', body: '{"not json' });
    const text = await send('POST', reviews, { token: GOOD_TOKEN, contentType: 'text/plain', body: 'hello' });
    const huge = await send('POST', reviews, { token: GOOD_TOKEN, contentType: 'application/json', body: 'x'.repeat(2 * 1024 * 1024) });

    expect(garbage.status).toBe(201);
    expect(JSON.parse(garbage.body).status.userInfo.username).toBe(APP.username);
    expect(text.status).toBe(415);
    expect(huge.status).toBe(413);
  });

  test('a path that does not decode is a 400', async () => {
    const response = await send('GET', '/api/v1/namespaces/%E0%A4%A/configmaps', { token: GOOD_TOKEN });

    expect(response.status).toBe(400);
  });

  test('bytes that are not TLS are dropped, and the server keeps serving', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, server.host, () => socket.end('GET / HTTP/1.1\r\n\r\n\x00\xff garbage'));
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
    });

    expect((await send('GET', '/version', { token: GOOD_TOKEN })).status).toBe(200);
  });

  test('an authority that throws gives a 500, not a crash', async () => {
    const fragile = await startApiServer({
      tls,
      authority: {
        identify: () => {
          throw new Error('token store unavailable');
        },
      },
    });
    try {
      const response = await send('GET', '/version', { token: GOOD_TOKEN, to: fragile });

      expect(response.status).toBe(500);
      expect(JSON.parse(response.body)).toMatchObject({ kind: 'Status', reason: 'InternalError' });
    } finally {
      await fragile.close();
    }
  });

  test('close() returns even while a client holds a keep-alive connection', async () => {
    const short = await startApiServer({ tls, authority });
    const agent = new Agent({ keepAlive: true, ca: tls.caCertificate });
    try {
      expect((await send('GET', '/version', { token: GOOD_TOKEN, to: short, agent })).status).toBe(200);
      await short.close();
    } finally {
      agent.destroy();
    }
  });
});

/** Writes a kubeconfig for the server, in namespace team-a, with a bearer token inline. */
function kubeconfigFor(to: ApiServer, options: { token?: string; caCertificate?: string } = {}): string {
  return writeKubeconfigFile(workDir, {
    server: to.url,
    certificateAuthority: options.caCertificate ?? tls.caCertificate,
    user: { token: options.token ?? GOOD_TOKEN },
    namespace: 'team-a',
  });
}

interface RawResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** One HTTPS request with Node's own TLS, which must trust the test CA just as kubectl does. */
function send(
  method: string,
  path: string,
  options: { token?: string; contentType?: string; body?: string; to?: ApiServer; agent?: Agent } = {},
): Promise<RawResponse> {
  const to = options.to ?? server;
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.contentType !== undefined) headers['Content-Type'] = options.contentType;
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      { host: to.host, port: to.port, method, path, headers, ca: tls.caCertificate, agent: options.agent },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}
