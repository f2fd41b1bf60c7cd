import { join } from 'node:path';
import {
  ENGINE_STEP_TIMEOUT_MS,
  PulumiStack,
  REAL_CLUSTER_START_TIMEOUT_MS,
  RealCluster,
  RealPod,
  describeRealEngineScenario,
  startRealCluster,
} from '@incluster/testkit';

// The TypeScript example, run by the real engine (the pinned pulumi CLI and Kubernetes plugin) as a Pod's program.
const EXAMPLE = { programDir: join(__dirname, '..', '..', '..', 'examples', 'pulumi-typescript'), language: 'nodejs', projectName: 'incluster-pulumi-typescript' } as const;

describeRealEngineScenario('the real Pulumi engine runs examples/pulumi-typescript in a Pod of a real cluster', EXAMPLE);

// client-go's words for an HTTP 401; the provider then calls the cluster unreachable.
const UNAUTHORIZED = 'the server has asked for the client to provide credentials';

describe('the failure incluster prevents: the same program with the token embedded in its kubeconfig', () => {
  let cluster: RealCluster;
  let pod: RealPod;
  let stack: PulumiStack;
  beforeAll(async () => {
    cluster = await startRealCluster();
    pod = await cluster.startPod({ namespace: 'team-a', serviceAccount: 'deployer' });
    stack = new PulumiStack({ ...EXAMPLE, stackName: 'embedded' });
  }, REAL_CLUSTER_START_TIMEOUT_MS);
  afterAll(async () => {
    stack?.dispose();
    pod?.dispose();
    await cluster?.dispose();
  });
  const inThePod = () => pod.env({ host: cluster.host, port: cluster.port });

  it('keeps the token in the state, as a secret only', async () => {
    await stack.up({ env: inThePod(), config: { credential: 'embedded' } });
    expect(await stack.exportState()).not.toContain(pod.currentToken);
    expect(await stack.exportState({ showSecrets: true })).toContain(pod.currentToken);
  }, ENGINE_STEP_TIMEOUT_MS);

  it('can neither refresh nor destroy once that token is revoked: 401', async () => {
    const used = pod.currentToken;
    await pod.rotate();
    await pod.revoke(used);
    const refresh = await stack.refresh({ env: inThePod() }).then(() => 'refreshed', (error: Error) => error.message);
    const destroy = await stack.destroy({ env: inThePod() }).then(() => 'destroyed', (error: Error) => error.message);
    expect(refresh).toContain(UNAUTHORIZED);
    expect(destroy).toContain(UNAUTHORIZED);
  }, ENGINE_STEP_TIMEOUT_MS);
});
