import { join } from 'node:path';
import { ENGINE_STEP_TIMEOUT_MS, PulumiStack, describeRealEngineScenario, useRealPod } from '@incluster/testkit';

// The TypeScript example, run by the real engine (the pinned pulumi CLI and Kubernetes plugin) as a Pod's program.
const EXAMPLE = { programDir: join(__dirname, '..', '..', '..', 'examples', 'pulumi-typescript'), language: 'nodejs', projectName: 'incluster-pulumi-typescript' } as const;

describeRealEngineScenario('the real Pulumi engine runs examples/pulumi-typescript in a Pod of a real cluster', EXAMPLE);

// client-go's words for an HTTP 401; the provider then calls the cluster unreachable.
const UNAUTHORIZED = 'the server has asked for the client to provide credentials';

describe('the failure incluster prevents: the same program with the token embedded in its kubeconfig', () => {
  const real = useRealPod();
  const stack = new PulumiStack({ ...EXAMPLE, stackName: 'embedded' });
  afterAll(() => stack.dispose());

  it('keeps the token in the state, as a secret only', async () => {
    await stack.up({ env: real.env(), config: { credential: 'embedded' } });
    expect(await stack.exportState()).not.toContain(real.pod.currentToken);
    expect(await stack.exportState({ showSecrets: true })).toContain(real.pod.currentToken);
  }, ENGINE_STEP_TIMEOUT_MS);

  it('can neither refresh nor destroy once that token is revoked: 401', async () => {
    const used = real.pod.currentToken;
    await real.pod.rotate();
    await real.pod.revoke(used);
    const refresh = await stack.refresh({ env: real.env() }).then(() => 'refreshed', (error: Error) => error.message);
    const destroy = await stack.destroy({ env: real.env() }).then(() => 'destroyed', (error: Error) => error.message);
    expect(refresh).toContain(UNAUTHORIZED);
    expect(destroy).toContain(UNAUTHORIZED);
  }, ENGINE_STEP_TIMEOUT_MS);
});
