import { existsSync, readFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectlGetConfigMapNames, kubectlGetRawVersion, kubectlWhoami, runKubectl } from '../src/clients/kubectl';
import { execUser, printCredentialFrom } from './support/exec-user';
import { isRunning } from './support/is-running';
import { writeKubeconfigFile } from './support/kubeconfig-file';
import { useSimulatedCluster } from './support/simulated-cluster-fixture';

/** What the stand-in API server reports at /version. */
const SERVER_VERSION = { major: '1', minor: '35', gitVersion: 'v1.35.0' };

describe('kubectl against the simulated cluster', () => {
  const cluster = useSimulatedCluster();
  let withToken: string;
  let withTokenFile: string;
  let withBadToken: string;

  beforeAll(() => {
    withToken = cluster.kubeconfigFile({ token: cluster.pod.currentToken });
    withTokenFile = cluster.kubeconfigFile({ tokenFile: cluster.pod.tokenPath });
    withBadToken = cluster.kubeconfigFile({ token: 'bad-token' });
  });

  describe.each([
    ['token', () => withToken],
    ['tokenFile', () => withTokenFile],
  ])('with a %s user', (_, kubeconfig) => {
    test('auth whoami names the service account', async () => {
      expect(await kubectlWhoami(kubeconfig())).toBe(cluster.pod.identity.username);
    });

    test('get --raw /version returns the server version', async () => {
      expect(await kubectlGetRawVersion(kubeconfig())).toMatchObject(SERVER_VERSION);
    });

    test('get configmaps lists the namespace', async () => {
      expect(await kubectlGetConfigMapNames(kubeconfig(), cluster.pod.namespace)).toEqual(['kube-root-ca.crt', 'settings']);
    });
  });

  test('an exec plugin is found on PATH and its client.authentication.k8s.io/v1 credential is used', async () => {
    const kubeconfig = cluster.kubeconfigFile({ exec: execUser(printCredentialFrom(cluster.pod.tokenPath)) });

    expect(await kubectlWhoami(kubeconfig)).toBe(cluster.pod.identity.username);
  });

  test('a refused token rejects with what kubectl said', async () => {
    await expect(kubectlWhoami(withBadToken)).rejects.toThrow(
      'kubectl auth whoami -o json failed (exit 1): error: You must be logged in to the server (Unauthorized)',
    );
  });

  test('a server that never answers is given up on by kubectl after timeoutMs', async () => {
    // The stand-in API server answers every request; a listener that never says a word plays the hung server.
    const silent = await listenWithoutAnswering();
    try {
      const toSilentServer = { ...cluster.kubeconfig({ token: cluster.pod.currentToken }), server: silent.url };
      const kubeconfig = writeKubeconfigFile(cluster.workDir, toSilentServer);

      const result = await runKubectl(['get', '--raw', '/version'], { kubeconfig, timeoutMs: 500 });

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Client\.Timeout|deadline exceeded|timeout/i);
    } finally {
      await silent.close();
    }
  });

  // The plugin would sleep for a minute: the test finishing at all shows that runKubectl did not wait for it.
  test('a hung exec plugin is killed along with kubectl after timeoutMs', async () => {
    const pidFile = join(cluster.workDir, 'plugin.pid');
    const kubeconfig = cluster.kubeconfigFile({ exec: execUser(`echo $$ > ${pidFile}; exec sleep 60`) });

    const result = await runKubectl(['auth', 'whoami'], { kubeconfig, timeoutMs: 500 });

    expect(result.code).toBeNull();
    expect(isRunning(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  }, 30_000);

  test('kubectl and its plugins see only PATH, a throwaway HOME and options.env, never the runner\'s environment', async () => {
    const envFile = join(cluster.workDir, 'plugin.env');
    const kubeconfig = cluster.kubeconfigFile({ exec: execUser(`env -0 > ${envFile}; ${printCredentialFrom(cluster.pod.tokenPath)}`) });
    process.env.KUBECONFIG = join(cluster.workDir, 'runner-kubeconfig.yaml');
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
});

/** A TCP listener that accepts connections and never says a word, so not even the TLS handshake completes. */
async function listenWithoutAnswering(): Promise<{ url: string; close(): Promise<void> }> {
  const connections = new Set<Socket>();
  const server = createServer((socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of connections) {
          socket.destroy();
        }
      }),
  };
}
