import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { callApi } from '../cluster/real/admin-api';
import { useRealPod } from '../cluster/real/use-real-pod';
import { type OperationResult, PULUMI_OPERATION_TIMEOUT_MS, type PulumiOperationError, PulumiStack, type PulumiStackOptions } from './pulumi-stack';

/** Room for two engine operations, or one that times out, in one test. */
export const ENGINE_STEP_TIMEOUT_MS = PULUMI_OPERATION_TIMEOUT_MS * 2 + 30_000;
const JWT_SHAPED = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

/**
 * A Pulumi program that deploys one ConfigMap to `team-a` with incluster's provider, as the examples do: it exports
 * the ConfigMap's name as `configMap` and takes optional config `greeting`, `credential` and `server`.
 */
export interface ScenarioProgram extends Omit<PulumiStackOptions, 'stackName'> {
  /** Variables the program's process needs besides the Pod's (a PYTHONPATH, say). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * The real engine runs the program in a Pod of a real cluster, as its least-privilege ServiceAccount, through the
 * life of a stack: up; no token in the state; the token rotated and revoked with nothing to change; an update in
 * place as the new token; refresh and destroy long after; then, on a second stack, a changed user entry (an update)
 * against a changed cluster entry (a replacement), and the program outside a Pod (NOT_IN_CLUSTER, state unchanged).
 */
export function describeRealEngineScenario(title: string, program: ScenarioProgram): void {
  describe(title, () => {
    const real = useRealPod();
    const inThePod = () => ({ ...program.env, ...real.env() });
    const configMap = (name: string) => callApi<{ data?: Record<string, string> } | undefined>(real.cluster.admin, 'GET', `/api/v1/namespaces/team-a/configmaps/${name}`);
    const configMapData = async (name: string) => (await configMap(name)).body?.data;
    const newStack = (stackName: string) => new PulumiStack({ ...program, stackName });

    describe('a stack through the life of its first token', () => {
      let stack: PulumiStack;
      let deployed: string;
      beforeAll(() => (stack = newStack('lifecycle')));
      afterAll(() => stack.dispose());

      it('up creates the ConfigMap in the allowed namespace, as the service account', async () => {
        const result = await timed('up', () => stack.up({ env: inThePod() }));
        expect(result.changeSummary).toEqual({ create: 3 });
        deployed = result.outputs!.configMap as string;
        expect(await configMapData(deployed)).toEqual({ greeting: 'hello from inside the cluster' });
      }, ENGINE_STEP_TIMEOUT_MS);

      it('leaves neither the token nor anything JWT-shaped in the state, even with secrets shown', async () => {
        const state = await stack.exportState({ showSecrets: true });
        expect(state).toContain(real.pod.tokenPath);
        expect(state).not.toContain(real.pod.currentToken);
        expect(state).not.toMatch(JWT_SHAPED);
      }, ENGINE_STEP_TIMEOUT_MS);

      it('previews no change at all once the token up used is rotated and revoked', async () => {
        const used = real.pod.currentToken;
        await real.pod.rotate();
        await real.pod.revoke(used);
        const result = await timed('preview --expect-no-changes', () => stack.preview({ env: inThePod(), expectNoChanges: true }));
        expect(result.changeSummary).toEqual({ same: 3 });
      }, ENGINE_STEP_TIMEOUT_MS);

      it("updates the ConfigMap in place when the program's data changes, as the new token", async () => {
        const result = await timed('up (changed data)', () => stack.up({ env: inThePod(), config: { greeting: 'changed' } }));
        expect(result.changeSummary).toEqual({ same: 2, update: 1 });
        expect(await configMapData(deployed)).toEqual({ greeting: 'changed' });
      }, ENGINE_STEP_TIMEOUT_MS);

      it('refreshes and destroys long after the first token was revoked', async () => {
        expect((await timed('refresh', () => stack.refresh({ env: inThePod() }))).changeSummary).toEqual({ same: 3 });
        expect((await timed('destroy', () => stack.destroy({ env: inThePod() }))).changeSummary).toEqual({ delete: 3 });
        expect((await configMap(deployed)).status).toBe(404);
      }, ENGINE_STEP_TIMEOUT_MS);
    });

    describe('a stack across versions of its kubeconfig', () => {
      let stack: PulumiStack;
      beforeAll(async () => {
        stack = newStack('versions');
        await stack.up({ env: inThePod() });
      }, ENGINE_STEP_TIMEOUT_MS);
      afterAll(() => stack.dispose());

      it('updates the provider, and replaces nothing, when only the user entry changes (token-file to token-file+exec)', async () => {
        const result = await stack.preview({ env: inThePod(), config: { credential: 'token-file+exec' } });
        expect(result.changeSummary).toEqual({ same: 2, update: 1 });
        expect(result.output).toContain('~ pulumi:providers:kubernetes: (update)');
      }, ENGINE_STEP_TIMEOUT_MS);

      it('replaces the provider and every resource when the cluster entry changes (the server spelled localhost)', async () => {
        const result = await stack.preview({ env: inThePod(), config: { server: `https://localhost:${real.cluster.port}` } });
        expect(result.changeSummary).toMatchObject({ replace: 2 });
        expect(result.output).toContain('+-pulumi:providers:kubernetes: (replace)');
        expect(result.output).toContain('+-kubernetes:core/v1:ConfigMap: (replace)');
      }, ENGINE_STEP_TIMEOUT_MS);

      it('stops with NOT_IN_CLUSTER outside a Pod, before it registers anything, although ~/.kube/config is valid', async () => {
        const home = stack.scratchDir('laptop-home');
        mkdirSync(join(home, '.kube'), { recursive: true });
        writeFileSync(join(home, '.kube', 'config'), readFileSync(real.cluster.adminKubeconfig));
        const resources = async () => JSON.parse(await stack.exportState()).deployment.resources;
        const before = await resources();
        const failure = await stack.up({ env: { ...program.env, HOME: home } }).then(() => undefined, (error: PulumiOperationError) => error);
        expect(failure?.message).toMatch(/InClusterConfigError.*NOT_IN_CLUSTER/);
        expect(failure?.message).toContain('KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set');
        expect(await resources()).toEqual(before);
      }, ENGINE_STEP_TIMEOUT_MS);
    });
  });
}

/** Runs an engine operation and reports its wall time, for the record of what each step costs. */
async function timed(step: string, operation: () => Promise<OperationResult>): Promise<OperationResult> {
  const start = Date.now();
  const result = await operation();
  process.stderr.write(`[real engine] ${step}: ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
  return result;
}
