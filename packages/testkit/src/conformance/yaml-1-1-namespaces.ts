import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { clientNodeListConfigMapNames } from '../clients/client-node';
import { helmListReleases } from '../clients/helm';
import { kubectlWhoami, runKubectl } from '../clients/kubectl';
import { collectOutput } from '../clients/process-output';
import { PYTHON_WITH_KUBERNETES_CLIENT, pythonListConfigMapNames } from '../clients/python-client';
import { type CredentialMode, type KubeconfigProducer, produceKubeconfigFile } from './producer';
import type { PodOnCluster, ProvingGround } from './proving-ground';

/**
 * Namespaces that are valid DNS labels and YAML 1.1 booleans. client-go (go-yaml v2) and the Python client (PyYAML)
 * read YAML 1.1, where a plain `namespace: no` is false: kubectl and helm then refuse the whole file, and the Python
 * client's context namespace is False.
 */
export const YAML_1_1_BOOLEAN_NAMESPACES = ['no', 'on'] as const;

/**
 * A Pod in each of those namespaces, and every real client working there: kubectl and helm load the kubeconfig and
 * use its context's namespace, client-node lists ConfigMaps, and the Python client reads the namespace as a string.
 * The clients only read, so the cases of one namespace share its Pod.
 */
export function describeYaml11Namespaces(produce: KubeconfigProducer, modes: readonly CredentialMode[], ground: ProvingGround): void {
  // The producer's default where it has one (token-file), and for client-node, which ignores tokenFile, an exec plugin.
  const defaultMode = modes.includes('token-file') ? undefined : modes[0];
  const clientNodeMode = (['token-file+exec', 'exec', 'embedded'] as const).find((mode) => modes.includes(mode));

  for (const namespace of YAML_1_1_BOOLEAN_NAMESPACES) {
    describe(`a Pod in namespace "${namespace}", a YAML 1.1 boolean`, () => {
      let pod: PodOnCluster;
      let kubeconfig: string;
      beforeAll(async () => {
        pod = await ground.startPod({ namespace });
        kubeconfig = (await produceKubeconfigFile(produce, { env: pod.env, options: defaultMode ? { credential: defaultMode } : {} }, pod.workDir)).path;
      }, 60_000);
      afterAll(() => pod?.dispose());

      it("kubectl loads the kubeconfig, authenticates, and reads the ConfigMap of the context's namespace", async () => {
        expect(await kubectlWhoami(kubeconfig)).toBe(pod.username);
        // No -n: the context's namespace decides, and the ConfigMap there names its namespace.
        const settings = await runKubectl(['get', 'configmap', 'settings', '-o', 'jsonpath={.data.namespace}'], { kubeconfig });
        expect(settings).toMatchObject({ code: 0, stdout: namespace });
      }, 30_000);

      it('helm loads the kubeconfig and lists the namespace\'s releases', async () => {
        expect(await helmListReleases(kubeconfig, namespace)).toEqual([]);
      }, 30_000);

      it('the Python client reads the namespace as the string it is, and lists its ConfigMaps', async () => {
        expect(await pythonListConfigMapNames(readFileSync(kubeconfig, 'utf8'), namespace)).toContain('settings');
        expect(await pythonContextNamespace(kubeconfig)).toBe(JSON.stringify(namespace));
      }, 30_000);

      const withClientNode = clientNodeMode ? it : it.skip;
      withClientNode(`client-node lists its ConfigMaps (${clientNodeMode ?? 'no credential it can use'})`, async () => {
        const text = await produce({ env: pod.env, options: { credential: clientNodeMode } });
        expect(await clientNodeListConfigMapNames(text, namespace)).toContain('settings');
      }, 30_000);
    });
  }
}

/**
 * The namespace of the current context as the official Python client reads it (`list_kube_config_contexts`, which
 * programs use to find their namespace), as JSON: `"no"` when it is read right, `false` when YAML 1.1 took it.
 */
export async function pythonContextNamespace(kubeconfigPath: string): Promise<string> {
  const program = [
    'import json, sys',
    'from kubernetes import config',
    'contexts, active = config.list_kube_config_contexts(config_file=sys.argv[1])',
    'print(json.dumps(active["context"].get("namespace")))',
  ].join('\n');
  const child = spawn(PYTHON_WITH_KUBERNETES_CLIENT, ['-c', program, kubeconfigPath], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const { code, stdout, stderr } = await collectOutput(child);
  if (code !== 0) {
    throw new Error(`the Python client could not read the contexts (exit ${code}): ${stderr.trim()}`);
  }
  return stdout.trim();
}
