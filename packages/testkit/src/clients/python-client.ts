/**
 * The official Kubernetes Python client (Debian's python3-kubernetes, 22.6 on Debian 12) as a test client.
 *
 * It runs in a child `/usr/bin/python3`: Debian installs the client for its own interpreter, not for a pyenv or
 * virtualenv python3 that PATH may find first. The child loads the kubeconfig once, with
 * `kubernetes.config.load_kube_config(config_file=...)`, as a program would at start-up, then lists ConfigMaps
 * whenever asked, so one child is also a long-lived client that sees a token rotate under it.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The interpreter Debian's python3-kubernetes is installed for. */
export const PYTHON_WITH_KUBERNETES_CLIENT = '/usr/bin/python3';

/** The repository script that installs python3-kubernetes, named in every error that a missing client causes. */
export const INSTALL_TEST_TOOLS_SCRIPT = 'scripts/install-test-tools.sh';

const REPLY_TIMEOUT_MS = 20_000;

/** An error from the Python client; `status` is the HTTP status when the server answered (401 for a refused token). */
export class PythonClientError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'PythonClientError';
  }
}

/** The official Python client, running in its own process with one kubeconfig loaded. */
export interface PythonClient {
  /** The version of the `kubernetes` package, such as `22.6.0`. */
  readonly version: string;
  /** `CoreV1Api().list_namespaced_config_map(namespace)`: the names, or a PythonClientError. */
  listConfigMapNames(namespace: string): Promise<string[]>;
  stop(): Promise<void>;
}

export interface PythonClientOptions {
  /** The interpreter to run; default PYTHON_WITH_KUBERNETES_CLIENT. */
  readonly interpreter?: string;
}

/** What the child answers on each line of its stdout. */
interface Reply {
  readonly version?: string;
  readonly names?: string[];
  readonly status?: number;
  readonly message?: string;
  /** The `kubernetes` package could not be imported. */
  readonly missing?: string;
}

/**
 * The child's program: one JSON request per line on stdin, one JSON reply per line on stdout. The first request
 * names the kubeconfig file; each later one a namespace to list. Nothing it prints carries the token: an
 * ApiException is reduced to its status and reason.
 */
const PYTHON_PROGRAM = `
import json, sys

def reply(value):
    sys.stdout.write(json.dumps(value) + "\\n")
    sys.stdout.flush()

try:
    import kubernetes
    from kubernetes import client, config
except ImportError as error:
    reply({"missing": str(error)})
    sys.exit(0)

setup = json.loads(sys.stdin.readline())
try:
    config.load_kube_config(config_file=setup["kubeconfigPath"])
    api = client.CoreV1Api()
except Exception as error:
    reply({"message": "load_kube_config failed: %s: %s" % (type(error).__name__, error)})
    sys.exit(0)
reply({"version": kubernetes.__version__})

for line in sys.stdin:
    namespace = json.loads(line)["namespace"]
    try:
        items = api.list_namespaced_config_map(namespace).items
        reply({"names": [item.metadata.name for item in items]})
    except client.exceptions.ApiException as error:
        reply({"status": error.status, "message": str(error.reason)})
    except Exception as error:
        reply({"message": "%s: %s" % (type(error).__name__, error)})
`;

function missingClientMessage(interpreter: string, detail: string): string {
  return (
    `The official Kubernetes Python client is not installed for ${interpreter} (${detail}). ` +
    `Install it with ${INSTALL_TEST_TOOLS_SCRIPT} (as root), or: apt-get install -y python3-kubernetes`
  );
}

/**
 * Starts a Python process that has loaded the kubeconfig text (written to a private temporary file, removed on
 * stop). Its environment is only PATH, so exec plugins are found but the runner's KUBECONFIG and proxies stay out.
 * Rejects with an error naming INSTALL_TEST_TOOLS_SCRIPT when python3-kubernetes is missing.
 */
export async function startPythonClient(kubeconfigText: string, options: PythonClientOptions = {}): Promise<PythonClient> {
  const interpreter = options.interpreter ?? PYTHON_WITH_KUBERNETES_CLIENT;
  const dir = mkdtempSync(join(tmpdir(), 'incluster-python-client-'));
  const kubeconfigPath = join(dir, 'config');
  writeFileSync(kubeconfigPath, kubeconfigText, { mode: 0o600 });

  const child = spawn(interpreter, ['-c', PYTHON_PROGRAM], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const replies = lineReplies(child, interpreter);
  // A child that failed to start or died closes stdin; the reason comes through the replies instead.
  child.stdin.on('error', () => undefined);
  const stop = async () => {
    // A child that never started (no interpreter) has nothing to wait for.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.stdin.end();
      child.kill();
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    child.stdin.write(`${JSON.stringify({ kubeconfigPath })}\n`);
    const loaded = await replies.next();
    if (loaded.missing !== undefined) {
      throw new PythonClientError(missingClientMessage(interpreter, loaded.missing));
    }
    if (loaded.version === undefined) {
      throw new PythonClientError(loaded.message ?? 'the Python client did not start');
    }
    return {
      version: loaded.version,
      listConfigMapNames: async (namespace) => {
        child.stdin.write(`${JSON.stringify({ namespace })}\n`);
        const reply = await replies.next();
        if (reply.names) {
          return reply.names;
        }
        const status = reply.status === undefined ? '' : ` (HTTP ${reply.status})`;
        throw new PythonClientError(`Python client list_namespaced_config_map failed${status}: ${reply.message}`, reply.status);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The names of the ConfigMaps in a namespace, listed by a fresh Python process from a kubeconfig given as text. */
export async function pythonListConfigMapNames(kubeconfigText: string, namespace: string, options: PythonClientOptions = {}): Promise<string[]> {
  const client = await startPythonClient(kubeconfigText, options);
  try {
    return await client.listConfigMapNames(namespace);
  } finally {
    await client.stop();
  }
}

/**
 * Each line the child prints, parsed, in order. Rejects when the child has ended (with its stderr, or with the
 * install hint when the interpreter could not be started) or has not answered in time; the client is then done.
 */
function lineReplies(child: ChildProcessWithoutNullStreams, interpreter: string): { next(): Promise<Reply> } {
  let stderr = '';
  let spawnError: Error | undefined;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.once('error', (error) => (spawnError = error));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();

  return {
    next: async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PythonClientError(`the Python client did not answer within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
      });
      try {
        const line = await Promise.race([lines.next(), timeout]);
        if (line.done) {
          throw spawnError !== undefined
            ? new PythonClientError(missingClientMessage(interpreter, spawnError.message))
            : new PythonClientError(`the Python client process ended: ${stderr.trim() || 'no output'}`);
        }
        return JSON.parse(line.value) as Reply;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
