import type { Environment, ExecConfig } from '@incluster/core';

/**
 * Runs a kubeconfig's exec credential plugin as client-go does: the command with its args and no shell around it,
 * KUBERNETES_EXEC_INFO set to the ExecCredential request, no stdin (interactiveMode Never); then takes the token from
 * its ExecCredential. Throws an Error that says what went wrong; it never contains the token.
 */
export async function runExecPlugin(exec: ExecConfig, env: Environment, timeoutMs: number): Promise<string> {
  const { execFile } = await import('node:child_process');
  const execInfo = JSON.stringify({ apiVersion: exec.apiVersion, kind: 'ExecCredential', spec: { interactive: false } });
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(exec.command, [...exec.args], { env: { ...env, KUBERNETES_EXEC_INFO: execInfo }, timeout: timeoutMs, encoding: 'utf8' }, (error, out, err) => {
      if (error) {
        const reason = err.trim().split('\n')[0] || error.message;
        reject(new Error(`${exec.command} ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `failed: ${reason}`}`));
      } else {
        resolve(out);
      }
    });
    child.stdin?.end();
  });
  let credential: { apiVersion?: unknown; kind?: unknown; status?: { token?: unknown } } | undefined;
  try {
    credential = JSON.parse(stdout);
  } catch {
    throw new Error(`${exec.command} printed no ExecCredential JSON`);
  }
  if (credential?.kind !== 'ExecCredential' || credential.apiVersion !== exec.apiVersion) {
    throw new Error(`${exec.command} printed no ExecCredential of apiVersion ${exec.apiVersion}`);
  }
  const token = credential.status?.token;
  if (typeof token !== 'string' || token === '') {
    throw new Error(`${exec.command} printed an ExecCredential without a token`);
  }
  return token;
}
