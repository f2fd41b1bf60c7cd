/**
 * The real @kubernetes/client-node 1.4 as a test client.
 *
 * client-node 1.x is ESM only ("type": "module", no CommonJS build, no `exports` map). Plain Node 20.19+ can
 * require() it, but jest 30 cannot before Node 24.9 ("Must use import to load ES Module"), and `import()` inside
 * jest needs `--experimental-vm-modules`. So each call runs client-node in a child Node process: the library runs
 * exactly as in production, whichever runner loaded this file, and its state (exec-credential cache, HTTP
 * agents) starts empty every time.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { collectOutput } from './process-output';

const TIMEOUT_MS = 20_000;

/** An error from client-node; `status` is the HTTP status when the server answered (401 for a refused token). */
export class ClientNodeError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'ClientNodeError';
  }
}

/** The names of the ConfigMaps in a namespace, listed by client-node from a kubeconfig given as YAML text. */
export async function clientNodeListConfigMapNames(kubeconfigText: string, namespace: string): Promise<string[]> {
  const outcome = await runInChildNode(LIST_CONFIG_MAP_NAMES, { kubeconfigText, namespace });
  if (outcome.names) {
    return outcome.names;
  }
  const status = outcome.status === undefined ? '' : ` (HTTP ${outcome.status})`;
  throw new ClientNodeError(`client-node listNamespacedConfigMap failed${status}: ${outcome.message}`, outcome.status);
}

interface ChildOutcome {
  readonly names?: string[];
  readonly status?: number;
  readonly message?: string;
}

/**
 * Runs in the child as an ES module. Its input arrives on stdin, so the kubeconfig (and any token in it) never
 * shows up in a process listing. The explicit exit stops client-node's keep-alive sockets from holding it open.
 */
const LIST_CONFIG_MAP_NAMES = `
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { clientNodeUrl, kubeconfigText, namespace } = JSON.parse(input);
const { KubeConfig, CoreV1Api } = await import(clientNodeUrl);
let outcome;
try {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(kubeconfigText);
  const list = await kubeConfig.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace });
  outcome = { names: list.items.map((item) => item.metadata.name) };
} catch (error) {
  outcome = { status: typeof error.code === 'number' ? error.code : undefined, message: String(error.message) };
}
process.stdout.write(JSON.stringify(outcome), () => process.exit(0));
`;

async function runInChildNode(script: string, input: Record<string, string>): Promise<ChildOutcome> {
  const clientNodeUrl = pathToFileURL(require.resolve('@kubernetes/client-node')).href;
  const child = spawn(process.execPath, ['--input-type=module', '--eval', script], {
    // Only PATH: exec plugins must be found, but the runner's KUBECONFIG, proxies and NODE_OPTIONS stay out.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(JSON.stringify({ clientNodeUrl, ...input }));
  const killer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  try {
    const { code, stdout, stderr } = await collectOutput(child);
    if (code !== 0) {
      throw new ClientNodeError(`client-node child process failed (exit ${code}): ${stderr.trim()}`);
    }
    return JSON.parse(stdout);
  } finally {
    clearTimeout(killer);
  }
}
