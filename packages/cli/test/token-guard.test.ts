import { errorCode, run } from './support/run';
import { simulatedPod, useContainer } from './support/simulated-pod';
import { expectNoToken } from './support/token-guard';

// The guard every test's output goes through (support/run.ts, support/repository.ts) must be able to fail.
describe('the token guard', () => {
  const container = useContainer();

  it('fails on any token a Pod of the file issued, a rotated and revoked one too, without quoting it', () => {
    const old = container.pod.currentToken;
    container.pod.rotate();
    container.pod.revoke(old);

    const failure = (() => {
      try {
        expectNoToken(`some output with ${old} in it`, 'the output');
      } catch (error) {
        return (error as Error).message;
      }
      return 'no failure';
    })();

    expect(failure).toMatch(/^the output shows a service-account token of the Pod at /);
    expect(failure).not.toContain(old);
  });

  it("covers a Pod made in a test, not only the container's", async () => {
    const other = simulatedPod();
    try {
      expect(() => expectNoToken(other.currentToken, 'the output')).toThrow(/shows a service-account token/);
    } finally {
      other.dispose();
    }
  });

  it('is applied by run(): stdout that shows the token fails unless the command prints it on purpose', async () => {
    await expect(run(['credential'], container.env)).rejects.toThrow(/^stdout of incluster-kubeconfig credential shows a service-account token/);

    const allowed = await run(['credential'], container.env, { printsToken: true });
    expect({ code: allowed.code, error: errorCode(allowed.stderr) }).toEqual({ code: 0, error: undefined });
  });
});
