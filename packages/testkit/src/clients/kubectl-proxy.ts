/**
 * `kubectl proxy` as a long-lived client-go process, for tests that need one client to live through a token rotation.
 * Proxies a test forgot to stop are killed when the test file ends.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { kubectlPath } from '../toolchain/kubectl-binary';
import { cleanEnv } from './kubectl';

const PROXY_START_TIMEOUT_MS = 10_000;
const PROXY_STOP_GRACE_MS = 2_000;

export interface KubectlProxyOptions {
  readonly env?: Record<string, string>;
}

/** A long-lived `kubectl proxy`: one client-go process that serves many requests. */
export interface KubectlProxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly pid: number;
  get(path: string): Promise<{ status: number; body: string }>;
  /** SIGTERM, then SIGKILL if the proxy is still there after a short grace. */
  stop(): Promise<void>;
}

/** Starts `kubectl proxy` on a free local port and resolves once it is serving. */
export async function startKubectlProxy(kubeconfig: string, options: KubectlProxyOptions = {}): Promise<KubectlProxy> {
  const { env, home } = cleanEnv(options.env);
  const child = spawn(
    kubectlPath(),
    ['--kubeconfig', kubeconfig, 'proxy', '--port=0', '--address=127.0.0.1'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  runningProxies.add(child);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  void exited.then(() => {
    runningProxies.delete(child);
    rmSync(home, { recursive: true, force: true });
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const grace = setTimeout(() => child.kill('SIGKILL'), PROXY_STOP_GRACE_MS);
      await exited;
      clearTimeout(grace);
    }
  };

  let port: number;
  try {
    port = await proxyPort(child);
  } catch (error) {
    await stop();
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  return { url, pid: child.pid!, get: (path) => fetchPlain(url + path), stop };
}

/** Waits for kubectl proxy's "Starting to serve on 127.0.0.1:PORT". */
function proxyPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(new Error(`kubectl proxy did not start: ${reason}: ${stderr.trim()}`));
    };
    const timer = setTimeout(() => fail(`no port after ${PROXY_START_TIMEOUT_MS} ms`), PROXY_START_TIMEOUT_MS);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const serving = /Starting to serve on 127\.0\.0\.1:(\d+)/.exec(stdout);
      if (serving) {
        clearTimeout(timer);
        resolve(Number(serving[1]));
      }
    });
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code) => fail(`exited with ${code}`));
  });
}

function fetchPlain(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // No keep-alive agent: a pooled socket would outlive stop() and keep jest waiting.
    httpGet(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.once('error', reject);
    }).once('error', reject);
  });
}

/** Proxies nobody stopped (a test failed before its stop()) are killed when the test file or process ends. */
const runningProxies = new Set<ChildProcess>();
const killRunningProxies = () => {
  for (const child of runningProxies) {
    child.kill('SIGKILL');
  }
};
process.once('exit', killRunningProxies);
// Under jest, `process` is a sandbox copy whose 'exit' never fires: a file-level afterAll does that job.
if (typeof afterAll === 'function') {
  try {
    afterAll(killRunningProxies);
  } catch {
    // Loaded from inside a test (jest.isolateModules), where hooks are refused; stop() is then the only cleanup.
  }
}
