/** A client.authentication.k8s.io/v1 exec user whose plugin is a shell script. */
export function execUser(script: string): object {
  return { apiVersion: 'client.authentication.k8s.io/v1', command: '/bin/sh', args: ['-c', script], interactiveMode: 'Never' };
}

/**
 * The shell command that prints an ExecCredential carrying the token in a file. Reading it there keeps the token out
 * of the kubeconfig and of the plugin's command line.
 */
export function printCredentialFrom(tokenPath: string): string {
  const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: '%s' } });
  return `printf '${credential}' "$(cat '${tokenPath}')"`;
}
