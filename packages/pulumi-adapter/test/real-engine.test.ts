import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PULUMI_OPERATION_TIMEOUT_MS,
  PulumiOperationError,
  PulumiStack,
  REAL_CLUSTER_START_TIMEOUT_MS,
  RealCluster,
  RealPod,
  callApi,
  startRealCluster,
} from '@incluster/testkit';

// The TypeScript example, run by the real engine (the pinned pulumi CLI and Kubernetes plugin) as a Pod's program.
const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'pulumi-typescript');
const PROJECT = 'incluster-pulumi-typescript';
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;
const STEP_MS = PULUMI_OPERATION_TIMEOUT_MS * 2 + 30_000;

describe('the real Pulumi engine runs examples/pulumi-typescript in a Pod of a real cluster', () => {
  let cluster: RealCluster;
  let pod: RealPod;
  beforeAll(async () => {
    cluster = await startRealCluster();
    pod = await cluster.startPod({ namespace: 'team-a', serviceAccount: 'deployer' });
  }, REAL_CLUSTER_START_TIMEOUT_MS);
  afterAll(async () => {
    pod?.dispose();
    await cluster?.dispose();
  });
  const inThePod = () => pod.env({ host: cluster.host, port: cluster.port });
  const configMapData = async (name: string) => (await callApi(cluster.admin, 'GET', `/api/v1/namespaces/team-a/configmaps/${name}`)).body?.data;
  const newStack = (stackName: string) => new PulumiStack({ programDir: EXAMPLE, language: 'nodejs', projectName: PROJECT, stackName });

  describe('a stack through the life of its first token', () => {
    let stack: PulumiStack;
    let configMap: string;
    beforeAll(() => (stack = newStack('lifecycle')));
    afterAll(() => stack.dispose());

    it('up creates the ConfigMap in the allowed namespace, as the service account', async () => {
      const result = await stack.up({ env: inThePod() });
      expect(result.changeSummary).toEqual({ create: 3 });
      configMap = result.outputs!.configMap as string;
      expect(await configMapData(configMap)).toEqual({ greeting: 'hello from inside the cluster' });
    }, STEP_MS);

    it('leaves neither the token nor anything JWT-shaped in the state, even with secrets shown', async () => {
      const state = await stack.exportState({ showSecrets: true });
      expect(state).toContain(`tokenFile: ${pod.tokenPath}`);
      expect(state).not.toContain(pod.currentToken);
      expect(state).not.toMatch(JWT_SHAPED);
    }, STEP_MS);

    it('previews no change at all once the token up used is rotated and revoked', async () => {
      const used = pod.currentToken;
      await pod.rotate();
      await pod.revoke(used);
      const result = await stack.preview({ env: inThePod(), expectNoChanges: true });
      expect(result.changeSummary).toEqual({ same: 3 });
    }, STEP_MS);

    it("updates the ConfigMap in place when the program's data changes, as the new token", async () => {
      const result = await stack.up({ env: inThePod(), config: { greeting: 'changed' } });
      expect(result.changeSummary).toEqual({ same: 2, update: 1 });
      expect(await configMapData(configMap)).toEqual({ greeting: 'changed' });
    }, STEP_MS);

    it('refreshes and destroys long after the first token was revoked', async () => {
      expect((await stack.refresh({ env: inThePod() })).changeSummary).toEqual({ same: 3 });
      expect((await stack.destroy({ env: inThePod() })).changeSummary).toEqual({ delete: 3 });
      expect((await callApi(cluster.admin, 'GET', `/api/v1/namespaces/team-a/configmaps/${configMap}`)).status).toBe(404);
    }, STEP_MS);
  });

  describe('a stack across versions of its kubeconfig', () => {
    let stack: PulumiStack;
    beforeAll(async () => {
      stack = newStack('versions');
      await stack.up({ env: inThePod() });
    }, STEP_MS);
    afterAll(() => stack.dispose());

    it('updates the provider, and replaces nothing, when only the user entry changes (token-file to token-file+exec)', async () => {
      const result = await stack.preview({ env: inThePod(), config: { credential: 'token-file+exec' } });
      expect(result.changeSummary).toEqual({ same: 2, update: 1 });
      expect(stepsOf(result.events)).toContainEqual({ type: 'pulumi:providers:kubernetes', op: 'update' });
    }, STEP_MS);

    it('replaces the provider and every resource when the cluster entry changes (the server spelled localhost)', async () => {
      const result = await stack.preview({ env: inThePod(), config: { server: `https://localhost:${cluster.port}` } });
      expect(result.changeSummary).toMatchObject({ replace: 2 });
      expect(stepsOf(result.events)).toEqual(expect.arrayContaining([
        { type: 'pulumi:providers:kubernetes', op: 'replace' },
        { type: 'kubernetes:core/v1:ConfigMap', op: 'replace' },
      ]));
    }, STEP_MS);

    it('stops with NOT_IN_CLUSTER outside a Pod, before it registers anything, although ~/.kube/config is valid', async () => {
      const home = stack.scratchDir('laptop-home');
      mkdirSync(join(home, '.kube'));
      writeFileSync(join(home, '.kube', 'config'), readFileSync(cluster.adminKubeconfig));
      const resources = async () => JSON.parse(await stack.exportState()).deployment.resources;
      const before = await resources();
      const failure = await stack.up({ env: { HOME: home } }).then(() => undefined, (error: PulumiOperationError) => error);
      expect(failure?.message).toContain('InClusterConfigError [NOT_IN_CLUSTER]: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set');
      expect(await resources()).toEqual(before);
    }, STEP_MS);
  });

  describe('the failure incluster prevents: a kubeconfig with the token embedded', () => {
    let stack: PulumiStack;
    let failures: { refresh?: string; destroy?: string } = {};
    beforeAll(() => (stack = newStack('embedded')));
    afterAll(() => stack.dispose());

    it('keeps the token in the state as a secret only', async () => {
      await stack.up({ env: inThePod(), config: { credential: 'embedded' } });
      expect(await stack.exportState()).not.toContain(pod.currentToken);
      expect(await stack.exportState({ showSecrets: true })).toContain(pod.currentToken);
    }, STEP_MS);

    // client-go's words for an HTTP 401; the provider then calls the cluster unreachable.
    const UNAUTHORIZED = 'the server has asked for the client to provide credentials';

    it('cannot refresh or destroy once that token is revoked: 401', async () => {
      const used = pod.currentToken;
      await pod.rotate();
      await pod.revoke(used);
      failures = {
        refresh: await stack.refresh({ env: inThePod() }).then(() => undefined, (error: Error) => error.message),
        destroy: await stack.destroy({ env: inThePod() }).then(() => undefined, (error: Error) => error.message),
      };
      expect(failures.refresh).toContain(UNAUTHORIZED);
      expect(failures.destroy).toContain(UNAUTHORIZED);
    }, STEP_MS);
  });
});

/** The type and operation of each resource step the engine reported. */
function stepsOf(events: readonly any[]): Array<{ type: string; op: string }> {
  return events.filter((event) => event.resourcePreEvent).map(({ resourcePreEvent: { metadata } }) => ({ type: metadata.type, op: metadata.op }));
}
