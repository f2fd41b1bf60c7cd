import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ListOutcome {
  readonly names?: string[];
  readonly status?: number;
  readonly message?: string;
}

/** One long-lived Node process holding one client-node KubeConfig from the adapter, as an application would. */
export interface ClientNodeSession {
  listConfigMaps(namespace: string): Promise<ListOutcome>;
  stop(): void;
}

// Run by plain Node, not Jest: client-node is ESM-only, which Jest cannot load on Node 20, but Node itself can.
const SESSION = `
const { createInClusterKubeConfig } = require(process.argv[1]);
const { CoreV1Api } = require('@kubernetes/client-node');
const api = createInClusterKubeConfig(JSON.parse(process.argv[2])).makeApiClient(CoreV1Api);
require('node:readline').createInterface({ input: process.stdin }).on('line', async (namespace) => {
  let outcome;
  try {
    outcome = { names: (await api.listNamespacedConfigMap({ namespace })).items.map((item) => item.metadata.name) };
  } catch (error) {
    outcome = { status: typeof error.code === 'number' ? error.code : undefined, message: String(error.message).slice(0, 200) };
  }
  process.stdout.write(JSON.stringify(outcome) + '\\n');
});
`;

/**
 * Starts the session with the Pod's environment; the adapter discovers the Pod from it, as it would in a Pod, with the
 * given options (JSON: a credential mode, say).
 */
export function startClientNodeSession(podEnv: Readonly<Record<string, string>>, options: Readonly<Record<string, unknown>> = {}): ClientNodeSession {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['-e', SESSION, require.resolve('../../lib'), JSON.stringify(options)], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...podEnv },
    cwd: __dirname,
  });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return {
    listConfigMaps: async (namespace) => {
      child.stdin.write(`${namespace}\n`);
      const answer = await answers.next();
      if (answer.done) {
        throw new Error(`the client-node session ended: ${stderr.trim()}`);
      }
      return JSON.parse(answer.value);
    },
    stop: () => child.kill('SIGKILL'),
  };
}
