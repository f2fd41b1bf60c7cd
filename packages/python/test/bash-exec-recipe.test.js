// The anchor: the bash-exec recipe that incluster replaces, run by the same real engine on the same real cluster as
// examples/pulumi-python. Its results are recorded in docs/credentials.md.
const { join } = require('node:path');
const { ENGINE_STEP_TIMEOUT_MS, PulumiStack, REAL_CLUSTER_START_TIMEOUT_MS, startRealCluster } = require('@incluster/testkit');

const RECIPE = {
  programDir: join(__dirname, 'programs', 'bash-exec-recipe'),
  language: 'python',
  projectName: 'bash-exec-recipe',
  python: process.env.INCLUSTER_DEV_PYTHON,
};

describe('the bash-exec recipe, on a real cluster', () => {
  let cluster;
  const stacks = [];
  beforeAll(async () => (cluster = await startRealCluster()), REAL_CLUSTER_START_TIMEOUT_MS);
  afterAll(async () => {
    for (const stack of stacks) {
      stack.dispose();
    }
    await cluster?.dispose();
  });
  async function inPod(namespace, stackName) {
    const pod = await cluster.startPod({ namespace });
    const stack = new PulumiStack({ ...RECIPE, stackName });
    stacks.push(stack);
    return { pod, stack, env: pod.env({ host: cluster.host, port: cluster.port }) };
  }
  const failureOf = (operation) => operation.then(() => 'succeeded', (error) => error.message);

  it('as published, cannot reach the cluster: its host variable is misspelled, so the server is https://None:<port>', async () => {
    const { stack, env } = await inPod('team-a', 'published');
    const failure = await failureOf(stack.up({ env }));
    expect(failure).toContain('None');
    expect(failure).toMatch(/no such host|lookup None/);
  }, ENGINE_STEP_TIMEOUT_MS);

  it('with the typo fixed, works in this Pod (which has bash), also after a rotation and a revocation', async () => {
    const { pod, stack, env } = await inPod('team-a', 'fixed');
    const config = { fix_host_typo: 'true' };
    expect((await stack.up({ env, config })).changeSummary).toEqual({ create: 3 });
    const used = pod.currentToken;
    await pod.rotate();
    await pod.revoke(used);
    expect((await stack.refresh({ env, config })).changeSummary).toEqual({ same: 3 });
    expect((await stack.destroy({ env, config })).changeSummary).toEqual({ delete: 3 });
  }, ENGINE_STEP_TIMEOUT_MS);

  it('with the typo fixed, breaks in a Pod whose namespace is `no`: YAML 1.1 reads it as false', async () => {
    const { stack, env } = await inPod('no', 'namespace-no');
    const failure = await failureOf(stack.up({ env, config: { fix_host_typo: 'true' } }));
    expect(failure).toContain('cannot unmarshal bool into Go struct field');
  }, ENGINE_STEP_TIMEOUT_MS);
});
