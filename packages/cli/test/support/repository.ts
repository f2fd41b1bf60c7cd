import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectlPath } from '@incluster/testkit';
import { type TokenExpectation, expectNoTokenInOutput } from './token-guard';

const PACKAGE_DIR = join(__dirname, '..', '..');
export const REPOSITORY_ROOT = join(PACKAGE_DIR, '..', '..');
export const EXAMPLES_DIR = join(REPOSITORY_ROOT, 'examples');

/** The interpreter Debian's python3-kubernetes is installed for (scripts/install-test-tools.sh installs it). */
export const PYTHON = '/usr/bin/python3';

/** The CLI's executable, as package.json's `bin` names it: the file `npm install` links onto PATH. */
export function cliBinary(): string {
  const { bin } = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return join(PACKAGE_DIR, bin['incluster-kubeconfig']);
}

/**
 * A directory to put first on PATH, holding `incluster-kubeconfig` (the built CLI, run by this Node.js) and, when
 * asked, `kubectl` (the testkit's real kubectl), as a Pod's image would have them installed.
 */
export function toolsDirectory(dir: string, tools: { kubectl?: boolean } = {}): string {
  mkdirSync(dir, { recursive: true });
  const shim = join(dir, 'incluster-kubeconfig');
  writeFileSync(shim, `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(cliBinary())} "$@"\n`);
  chmodSync(shim, 0o755);
  if (tools.kubectl) {
    symlinkSync(kubectlPath(), join(dir, 'kubectl'));
  }
  return dir;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program with only the given environment and collects its output, which must show no token (token-guard.ts). Asynchronous on purpose: the stand-in API
 * server a test talks to runs in this process, and a synchronous child would keep it from answering.
 */
export function runProcess(
  file: string,
  args: readonly string[],
  options: { env: Record<string, string>; cwd?: string; timeoutMs?: number } & TokenExpectation,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(killer);
      try {
        expectNoTokenInOutput({ stdout, stderr }, `${file} ${args.join(' ')}`, options);
        resolve({ code, stdout, stderr });
      } catch (error) {
        reject(error);
      }
    });
  });
}
