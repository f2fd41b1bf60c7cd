import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientNodeListConfigMapNames } from '../src/clients/client-node';
import { runHelm } from '../src/clients/helm';
import { runKubectl } from '../src/clients/kubectl';
import { pythonListConfigMapNames } from '../src/clients/python-client';
import { type PodOnCluster, standInCluster } from '../src/conformance';
import { pythonContextNamespace } from '../src/conformance/yaml-1-1-namespaces';

/**
 * The widespread hand-written kubeconfig for a Pod (docs/how-it-works.md, "The bash-exec recipe"): YAML built by
 * string templates from the service variables and the namespace file, and a bash exec plugin that cats the token.
 */
function bashExecRecipe(env: Readonly<Record<string, string>>): string {
  const dir = env.INCLUSTER_SERVICE_ACCOUNT_DIR!;
  const namespace = readFileSync(join(dir, 'namespace'), 'utf8').trim();
  return `apiVersion: v1
kind: Config
clusters:
- name: in-cluster
  cluster:
    server: https://${env.KUBERNETES_SERVICE_HOST}:${env.KUBERNETES_SERVICE_PORT}
    certificate-authority: ${dir}/ca.crt
users:
- name: pod
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: bash
      args:
      - -c
      - 'printf ''{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s"}}'' "$(cat ${dir}/token)"'
contexts:
- name: in-cluster
  context:
    cluster: in-cluster
    user: pod
    namespace: ${namespace}
current-context: in-cluster
`;
}

/** client-go's words when the recipe meets a Pod in namespace `no`: docs/credentials.md quotes them. */
const CLIENT_GO_REFUSAL = 'json: cannot unmarshal bool into Go struct field Context.contexts.context.namespace of type string';

describe('the bash-exec recipe', () => {
  const ground = standInCluster();
  beforeAll(() => ground.setUp());
  afterAll(() => ground.tearDown());

  const withRecipe = async (namespace: string, run: (path: string, text: string, pod: PodOnCluster) => Promise<void>) => {
    const pod = await ground.startPod({ namespace });
    try {
      const text = bashExecRecipe(pod.env);
      const path = join(pod.workDir, 'config');
      writeFileSync(path, text, { mode: 0o600 });
      await run(path, text, pod);
    } finally {
      await pod.dispose();
    }
  };

  it('works with kubectl in a Pod whose namespace YAML reads as a string (team-a)', async () => {
    await withRecipe('team-a', async (kubeconfig) => {
      expect(await runKubectl(['get', 'configmap', 'settings', '-o', 'jsonpath={.data.namespace}'], { kubeconfig })).toMatchObject({ code: 0, stdout: 'team-a' });
    });
  }, 30_000);

  it('breaks kubectl and helm in a Pod in namespace "no", and gives the Python client the namespace False; client-node, on YAML 1.2, works', async () => {
    await withRecipe('no', async (kubeconfig, text) => {
      const kubectl = await runKubectl(['get', 'configmap', 'settings'], { kubeconfig });
      expect(kubectl.code).toBe(1);
      expect(kubectl.stderr).toContain(`error loading config file "${kubeconfig}": ${CLIENT_GO_REFUSAL}`);

      const helm = await runHelm(['list', '--output', 'json'], { kubeconfig, namespace: 'no' });
      expect(helm.code).toBe(1);
      expect(helm.stderr).toContain(CLIENT_GO_REFUSAL);

      expect(await clientNodeListConfigMapNames(text, 'no')).toContain('settings');

      // It loads, and the request still works when the program names the namespace itself.
      expect(await pythonListConfigMapNames(text, 'no')).toContain('settings');
      expect(await pythonContextNamespace(kubeconfig)).toBe('false');
    });
  }, 60_000);
});
