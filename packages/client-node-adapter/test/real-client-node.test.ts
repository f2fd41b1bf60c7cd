import { CLIENT_GO_REFRESH_WINDOW_MS, type SimulatedCluster, type TestCertificates, createTestCertificates, startSimulatedCluster, tokenTag } from '@incluster/testkit';
import { type ClientNodeSession, type ListOutcome, startClientNodeSession } from './support/client-node-session';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// client-node's tokenFile provider re-reads the file after 60 s, like client-go; the exec credential expires within 60 s.
const PAST_THE_WINDOW_MS = CLIENT_GO_REFRESH_WINDOW_MS + 3_000;

/** Every credential mode the adapter produces, and what client-node is given for it. */
const MODES = [
  ['token-file', "client-node's re-reading tokenFile provider"],
  ['exec', 'the /bin/sh exec plugin'],
  ['token-file+exec', "the tokenFile provider (the file wins, as in client-go)"],
  ['embedded', 'the token itself'],
] as const;
type Mode = (typeof MODES)[number][0];

let certificates: TestCertificates;
const running: Array<{ cluster: SimulatedCluster; session: ClientNodeSession }> = [];
beforeAll(() => (certificates = createTestCertificates()));
afterAll(async () => {
  for (const { cluster, session } of running) {
    session.stop();
    await cluster.dispose();
  }
});

/** A long-lived Node process in its own Pod, holding one client-node KubeConfig from the adapter in the given mode. */
async function clientInAPod(credential: Mode): Promise<{ cluster: SimulatedCluster; session: ClientNodeSession }> {
  const cluster = await startSimulatedCluster({ certificates });
  const session = startClientNodeSession(cluster.env, { credential });
  running.push({ cluster, session });
  return { cluster, session };
}

it.each(MODES)('%s: authenticates the real client-node as the Pod service account, through %s', async (credential) => {
  const { cluster, session } = await clientInAPod(credential);

  expect(await session.listConfigMaps(cluster.pod.namespace)).toEqual({ names: ['settings'] });
  expect(cluster.server.requests.at(-1)).toMatchObject({ status: 200, tokenTag: tokenTag(cluster.pod.currentToken) });
}, 30_000);

it(
  'keeps long-lived clients working across a rotation, past the refresh window and the old token revoked: token-file and exec, 20 requests each, none fails; embedded fails for good',
  async () => {
    const clients = await Promise.all((['token-file', 'exec', 'embedded'] as const).map(async (mode) => ({ mode, ...(await clientInAPod(mode)) })));
    const old = new Map<string, string>();
    for (const { mode, cluster, session } of clients) {
      expect((await session.listConfigMaps(cluster.pod.namespace)).names).toEqual(['settings']);
      old.set(mode, cluster.pod.currentToken);
      cluster.pod.rotate();
    }
    await sleep(PAST_THE_WINDOW_MS);
    const outcomes: Record<string, ListOutcome[]> = {};
    for (const { mode, cluster, session } of clients) {
      cluster.pod.revoke(old.get(mode)!);
      outcomes[mode] = [];
      for (let i = 0; i < 20; i++) {
        const { names, status } = await session.listConfigMaps(cluster.pod.namespace);
        outcomes[mode].push(names ? { names } : { status });
      }
    }

    expect(outcomes).toEqual({
      'token-file': Array(20).fill({ names: ['settings'] }),
      exec: Array(20).fill({ names: ['settings'] }),
      embedded: Array(20).fill({ status: 401 }),
    });
  },
  2 * PAST_THE_WINDOW_MS,
);

it('fails with the core error, not an http:// guess, outside a Pod', () => {
  expect(() => require('../src').createInClusterKubeConfig({ env: {} })).toThrow(expect.objectContaining({ code: 'NOT_IN_CLUSTER' }));
});
