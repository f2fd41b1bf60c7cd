import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type SimulatedCluster, runKubectl, startKubectlProxy, tokenTag,
} from '@incluster/testkit';
import { stringify } from 'yaml';
import { simulatedCluster } from './support/simulated-pod';
import { expectNoTokenInOutput } from './support/token-guard';

const BINARY = join(__dirname, '..', 'bin', 'incluster-kubeconfig.js');

// `incluster-kubeconfig credential` as kubectl's exec plugin, in an image with Node and nothing else: the plugin's
// PATH holds only `node`, so neither sh nor bash could be found.
describe('incluster-kubeconfig credential, as the real kubectl exec plugin', () => {
  let cluster: SimulatedCluster;
  let dir: string;
  let nodeOnlyPath: string;
  beforeAll(async () => {
    cluster = await simulatedCluster();
    dir = mkdtempSync(join(tmpdir(), 'incluster-plugin-'));
    nodeOnlyPath = join(dir, 'bin');
    mkdirSync(nodeOnlyPath);
    symlinkSync(process.execPath, join(nodeOnlyPath, 'node'));
  });
  afterAll(async () => {
    await cluster.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  function kubeconfigWithPlugin(apiVersion: string): string {
    const path = join(dir, `kubeconfig-${apiVersion.split('/')[1]}`);
    writeFileSync(
      path,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'pod', cluster: { server: cluster.server.url, 'certificate-authority': cluster.pod.certificateAuthorityPath } }],
        users: [
          {
            name: 'pod',
            user: { exec: { apiVersion, command: 'node', args: [BINARY, 'credential', '--token-file', cluster.pod.tokenPath], interactiveMode: 'Never' } },
          },
        ],
        contexts: [{ name: 'pod', context: { cluster: 'pod', user: 'pod', namespace: cluster.pod.namespace } }],
        'current-context': 'pod',
      }),
    );
    return path;
  }

  it.each(['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'])(
    'authenticates kubectl as the Pod service account with %s and no shell on PATH',
    async (apiVersion) => {
      const kubeconfig = kubeconfigWithPlugin(apiVersion);
      const result = await runKubectl(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'], { kubeconfig, env: { PATH: nodeOnlyPath } });
      expectNoTokenInOutput(result, 'kubectl auth whoami');
      expect(result).toMatchObject({ code: 0, stdout: cluster.pod.identity.username });
    },
    30_000,
  );

  it('lets a long-lived client recover at once when the old token is refused the moment it rotates', async () => {
    const proxy = await startKubectlProxy(kubeconfigWithPlugin('client.authentication.k8s.io/v1'), { env: { PATH: nodeOnlyPath } });
    try {
      const path = `/api/v1/namespaces/${cluster.pod.namespace}/configmaps`;
      expect((await proxy.get(path)).status).toBe(200);
      const old = cluster.pod.currentToken;
      const fresh = cluster.pod.rotate();
      cluster.pod.revoke(old);
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await proxy.get(path)).status);
      }
      // client-go re-runs the plugin after a 401: at most the first request fails, then the new token is used.
      expect(statuses.slice(1)).toEqual([200, 200, 200, 200]);
      expect(cluster.server.requests.at(-1)?.tokenTag).toBe(tokenTag(fresh));
    } finally {
      await proxy.stop();
    }
  }, 30_000);
});
