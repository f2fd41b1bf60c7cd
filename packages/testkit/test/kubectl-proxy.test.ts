import { startKubectlProxy } from '../src/clients/kubectl-proxy';
import { isRunning } from './support/is-running';
import { useSimulatedCluster } from './support/simulated-cluster-fixture';

/** What the stand-in API server reports at /version. */
const SERVER_VERSION = { major: '1', minor: '35', gitVersion: 'v1.35.0' };

describe('kubectl proxy against the simulated cluster', () => {
  const cluster = useSimulatedCluster();

  test('one long-lived process serves many requests until stop() kills it', async () => {
    const proxy = await startKubectlProxy(cluster.kubeconfigFile({ tokenFile: cluster.pod.tokenPath }));
    try {
      expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      for (let request = 0; request < 5; request++) {
        const response = await proxy.get('/version');
        expect(response.status).toBe(200);
        expect(JSON.parse(response.body)).toMatchObject(SERVER_VERSION);
        expect(isRunning(proxy.pid)).toBe(true);
      }
      expect(JSON.parse((await proxy.get(`/api/v1/namespaces/${cluster.pod.namespace}/configmaps`)).body).items).toHaveLength(2);
    } finally {
      await proxy.stop();
    }
    expect(isRunning(proxy.pid)).toBe(false);
    await expect(proxy.get('/version')).rejects.toThrow(/ECONNREFUSED/);
  });

  test('passes the API server refusal through with its status', async () => {
    const proxy = await startKubectlProxy(cluster.kubeconfigFile({ token: 'bad-token' }));
    try {
      expect((await proxy.get('/version')).status).toBe(401);
    } finally {
      await proxy.stop();
    }
  });

  test('stop() can be called twice', async () => {
    const proxy = await startKubectlProxy(cluster.kubeconfigFile({ token: cluster.pod.currentToken }));
    await proxy.stop();
    await proxy.stop();
    expect(isRunning(proxy.pid)).toBe(false);
  });
});
