import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { stringify } from 'yaml';
import { ClientNodeError, clientNodeListConfigMapNames } from '../src/client-node';

const GOOD_TOKEN = 'good-token';

describe('@kubernetes/client-node 1.4 against an API server', () => {
  let server: TestApiServer;
  let workDir: string;
  let tokenPath: string;

  beforeAll(async () => {
    server = await startTestApiServer();
    workDir = mkdtempSync(join(tmpdir(), 'incluster-client-node-test-'));
    tokenPath = join(workDir, 'token');
    writeFileSync(tokenPath, GOOD_TOKEN);
  });

  afterAll(async () => {
    await server?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  const kubeconfigWith = (user: object) => kubeconfigText(server, user);

  test('lists ConfigMaps with a token user', async () => {
    const names = await clientNodeListConfigMapNames(kubeconfigWith({ token: GOOD_TOKEN }), 'demo');

    expect(names).toEqual(['kube-root-ca.crt', 'demo-settings']);
  });

  test('a refused token rejects with the HTTP status', async () => {
    const listing = clientNodeListConfigMapNames(kubeconfigWith({ token: 'bad-token' }), 'demo');

    await expect(listing).rejects.toThrow(ClientNodeError);
    await expect(listing).rejects.toMatchObject({
      status: 401,
      message: expect.stringMatching(/^client-node listNamespacedConfigMap failed \(HTTP 401\): HTTP-Code: 401\nMessage: Unauthorized/),
    });
  });

  // Recorded behaviour: client-node 1.4 does not know client-go's `tokenFile` key, so it sends no credential.
  test('ignores a tokenFile user and is refused with 401', async () => {
    const listing = clientNodeListConfigMapNames(kubeconfigWith({ tokenFile: tokenPath }), 'demo');

    await expect(listing).rejects.toMatchObject({ status: 401 });
  });

  // Recorded behaviour: it reads a non-standard hyphenated `token-file` instead, once, when the kubeconfig loads.
  test('honours the non-standard token-file key', async () => {
    const names = await clientNodeListConfigMapNames(kubeconfigWith({ 'token-file': tokenPath }), 'demo');

    expect(names).toEqual(['kube-root-ca.crt', 'demo-settings']);
  });

  // Recorded behaviour: client-node 1.4 accepts a client.authentication.k8s.io/v1 exec user with interactiveMode;
  // it checks neither field and takes status.token from whatever the plugin prints.
  test('uses the token an ExecCredential v1 plugin prints', async () => {
    const names = await clientNodeListConfigMapNames(kubeconfigWith({ exec: execUserPrinting(GOOD_TOKEN) }), 'demo');

    expect(names).toEqual(['kube-root-ca.crt', 'demo-settings']);
  });
});

/** A client.authentication.k8s.io/v1 exec user: /bin/sh printing an ExecCredential that carries the token. */
function execUserPrinting(token: string): object {
  const credential = { apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } };
  const script = `printf '%s' '${JSON.stringify(credential)}'`;
  return { apiVersion: 'client.authentication.k8s.io/v1', command: '/bin/sh', args: ['-c', script], interactiveMode: 'Never' };
}

function kubeconfigText(server: TestApiServer, user: object): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test', cluster: { 'server': server.url, 'certificate-authority-data': Buffer.from(server.caPem).toString('base64') } }],
    users: [{ name: 'test', user }],
    contexts: [{ name: 'test', context: { cluster: 'test', user: 'test', namespace: 'demo' } }],
    'current-context': 'test',
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Scaffolding: a minimal HTTPS API server for these tests only, until the testkit's stand-in API server lands.
// It serves just what client-node asks for here: a ConfigMap list, for `Bearer good-token` only.

interface TestApiServer {
  readonly url: string;
  readonly caPem: string;
  close(): Promise<void>;
}

async function startTestApiServer(): Promise<TestApiServer> {
  const { caPem, certPem, keyPem } = issueServerCertificate();
  const server: Server = createServer({ cert: certPem, key: keyPem }, answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    caPem,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  const send = (status: number, body: object) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (request.headers.authorization !== `Bearer ${GOOD_TOKEN}`) {
    return send(401, failure(401, 'Unauthorized'));
  }
  const path = new URL(request.url ?? '/', 'https://server').pathname;
  const configMaps = /^\/api\/v1\/namespaces\/([^/]+)\/configmaps$/.exec(path);
  if (request.method === 'GET' && configMaps) {
    const namespace = configMaps[1];
    return send(200, {
      kind: 'ConfigMapList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '1' },
      items: ['kube-root-ca.crt', `${namespace}-settings`].map((name) => ({ metadata: { name, namespace } })),
    });
  }
  return send(404, failure(404, 'NotFound'));
}

function failure(code: number, reason: string): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: reason, reason, code };
}

/** A throwaway CA and a server certificate it signed for IP 127.0.0.1. */
function issueServerCertificate(): { caPem: string; certPem: string; keyPem: string } {
  const { pki, md } = forge;
  const caKeys = pki.rsa.generateKeyPair({ bits: 2048 });
  const caName = [{ name: 'commonName', value: 'testkit test CA' }];
  const ca = certificate('01', caKeys.publicKey, caName, caName, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  ca.sign(caKeys.privateKey, md.sha256.create());

  const serverKeys = pki.rsa.generateKeyPair({ bits: 2048 });
  const server = certificate('02', serverKeys.publicKey, [{ name: 'commonName', value: 'kube-apiserver' }], caName, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
  ]);
  server.sign(caKeys.privateKey, md.sha256.create());

  return { caPem: pki.certificateToPem(ca), certPem: pki.certificateToPem(server), keyPem: pki.privateKeyToPem(serverKeys.privateKey) };
}

function certificate(
  serialNumber: string,
  publicKey: forge.pki.PublicKey,
  subject: forge.pki.CertificateField[],
  issuer: forge.pki.CertificateField[],
  extensions: object[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serialNumber;
  cert.publicKey = publicKey;
  cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 60 * 60 * 1000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions(extensions);
  return cert;
}
