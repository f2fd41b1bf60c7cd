/**
 * The real kubectl (v1.35, client-go inside) as a test client: one run at a time, in a clean environment.
 * Where the binary comes from is kubectl-binary.ts; a long-lived `kubectl proxy` is kubectl-proxy.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectlPath } from '../toolchain/kubectl-binary';
import { collectOutput } from './process-output';

const DEFAULT_TIMEOUT_MS = 20_000;
/** How long past its own --request-timeout kubectl may take before it is killed. */
const KILL_GRACE_MS = 1_000;

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

/** Runs kubectl with a clean environment: no inherited KUBECONFIG, HOME or proxy settings. */
export async function runKubectl(args: string[], options: KubectlOptions): Promise<KubectlResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { env, home } = cleanEnv(options.env);
  try {
    // Its own process group, so a hung exec plugin (which holds kubectl's stderr open) is killed along with it.
    const child = spawn(
      kubectlPath(),
      ['--kubeconfig', options.kubeconfig, `--request-timeout=${timeoutMs}ms`, ...args],
      { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    const killer = setTimeout(() => killProcessGroup(child.pid!), timeoutMs + KILL_GRACE_MS);
    try {
      return await collectOutput(child);
    } finally {
      clearTimeout(killer);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The username the API server sees, from `kubectl auth whoami`. */
export async function kubectlWhoami(kubeconfig: string): Promise<string> {
  const review = await kubectlJson<{ status: { userInfo: { username: string } } }>(kubeconfig, ['auth', 'whoami', '-o', 'json']);
  return review.status.userInfo.username;
}

/** The server's `/version`, fetched by `kubectl get --raw /version`. */
export async function kubectlGetRawVersion(kubeconfig: string): Promise<KubernetesVersionInfo> {
  return kubectlJson<KubernetesVersionInfo>(kubeconfig, ['get', '--raw', '/version']);
}

/** The names of the ConfigMaps in a namespace, from `kubectl get configmaps`. */
export async function kubectlGetConfigMapNames(kubeconfig: string, namespace: string): Promise<string[]> {
  const list = await kubectlJson<{ items: { metadata: { name: string } }[] }>(kubeconfig, ['get', 'configmaps', '-n', namespace, '-o', 'json']);
  return list.items.map((item) => item.metadata.name);
}

/** kubectl's own version (`kubectl version --client`); no server and no kubeconfig involved. */
export async function kubectlVersion(): Promise<KubernetesVersionInfo> {
  const report = await kubectlJson<{ clientVersion: KubernetesVersionInfo }>('/dev/null', ['version', '--client', '-o', 'json']);
  return report.clientVersion;
}

/** @internal The environment of one kubectl process, and the throwaway HOME in it. */
export interface CleanEnvironment {
  readonly env: Record<string, string>;
  /** Remove it once kubectl has exited. */
  readonly home: string;
}

/**
 * @internal
 * The environment kubectl runs with, instead of the runner's: PATH lets exec plugins (/bin/sh, node) be found; HOME
 * is a fresh throwaway directory because kubectl keeps its discovery cache under $HOME/.kube/cache; then `extra`.
 */
export function cleanEnv(extra: Record<string, string> = {}): CleanEnvironment {
  const home = mkdtempSync(join(tmpdir(), 'incluster-kubectl-home-'));
  return { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...extra }, home };
}

function killProcessGroup(leaderPid: number): void {
  try {
    process.kill(-leaderPid, 'SIGKILL');
  } catch {
    // ESRCH: the whole group is already gone.
  }
}

/** Runs kubectl and parses its JSON output (`Output` is the shape asked for), or throws with kubectl's stderr (which never holds the token). */
async function kubectlJson<Output>(kubeconfig: string, args: string[]): Promise<Output> {
  const result = await runKubectl(args, { kubeconfig });
  if (result.code !== 0) {
    throw new Error(`kubectl ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
  return JSON.parse(result.stdout);
}
