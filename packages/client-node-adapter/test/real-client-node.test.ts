import { CLIENT_GO_REFRESH_WINDOW_MS, SimulatedCluster, TestCertificates, createTestCertificates, startSimulatedCluster } from '@incluster/testkit';
import { ClientNodeSession, startClientNodeSession } from './support/client-node-session';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// client-node's tokenFile provider re-reads the file after 60 s, like client-go.
const PAST_THE_WINDOW_MS = CLIENT_GO_REFRESH_WINDOW_MS + 3_000;

let certificates: TestCertificates;
const running: Array<{ cluster: SimulatedCluster; session: ClientNodeSession }> = [];
beforeAll(() => (certificates = createTestCertificates()));
afterAll(async () => {
  for (const { cluster, session } of running) {
    session.stop();
    await cluster.dispose();
  }
});

async function clientInAPod(): Promise<{ cluster: SimulatedCluster; session: ClientNodeSession }> {
  const cluster = await startSimulatedCluster({ certificates });
  const session = startClientNodeSession(cluster.env);
  running.push({ cluster, session });
  return { cluster, session };
}

it('authenticates client-node as the Pod service account, from the token file', async () => {
  const { cluster, session } = await clientInAPod();
  expect(await session.listConfigMaps(cluster.pod.namespace)).toEqual({ names: ['settings'] });
  expect(cluster.server.requests.at(-1)?.status).toBe(200);
}, 30_000);

it('keeps a long-lived client-node working across a rotation: 20 requests after the old token expires, none fails', async () => {
  const { cluster, session } = await clientInAPod();
  expect((await session.listConfigMaps(cluster.pod.namespace)).names).toEqual(['settings']);
  const old = cluster.pod.currentToken;
  cluster.pod.rotate();
  await sleep(PAST_THE_WINDOW_MS);
  cluster.pod.revoke(old);
  const outcomes = [];
  for (let i = 0; i < 20; i++) {
    outcomes.push(await session.listConfigMaps(cluster.pod.namespace));
  }
  expect(outcomes).toEqual(Array(20).fill({ names: ['settings'] }));
}, 2 * PAST_THE_WINDOW_MS);

it('fails with the core error, not an http:// guess, outside a Pod', () => {
  expect(() => require('../src').createInClusterKubeConfig({ env: {} })).toThrow(expect.objectContaining({ code: 'NOT_IN_CLUSTER' }));
});
