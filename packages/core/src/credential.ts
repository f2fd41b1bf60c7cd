import { requireCarriableText } from './carried-text';
import { InClusterConfigError } from './errors';
import { shExecCredential } from './exec-credential';
import type { Kubeconfig, User } from './kubeconfig';
import type { PodEnvironment } from './pod-environment';

/**
 * How the kubeconfig's user proves who it is:
 * - `token-file`: a reference to the rotating token file, which client-go re-reads every minute (as in-cluster config does);
 * - `exec`: a /bin/sh plugin that reads the file on each call, for clients that ignore `tokenFile`;
 * - `token-file+exec`: both; client-go uses the file and never runs the plugin, other clients run the plugin;
 * - `embedded`: the token itself, a secret that stops working once the token expires. Only on request.
 */
export type CredentialMode = 'token-file' | 'exec' | 'token-file+exec' | 'embedded';

export const CREDENTIAL_MODES: readonly CredentialMode[] = ['token-file', 'exec', 'token-file+exec', 'embedded'];

export const DEFAULT_CREDENTIAL_MODE: CredentialMode = 'token-file';

export function renderUser(pod: PodEnvironment, mode: CredentialMode): User {
  switch (mode) {
    case 'token-file':
      return { tokenFile: pod.tokenPath };
    case 'exec':
      return { exec: shExecCredential(pod.tokenPath) };
    case 'token-file+exec':
      return { tokenFile: pod.tokenPath, exec: shExecCredential(pod.tokenPath) };
    case 'embedded':
      if (pod.token === undefined) {
        throw new InClusterConfigError(
          'INVALID_OPTION',
          "The 'embedded' credential needs the token, which was not read: discover the Pod with { readToken: true }.",
        );
      }
      // client-go drops an empty token: the kubeconfig would authenticate as no one. Discovery refuses it the same way.
      if (pod.token.trim() === '') {
        throw new InClusterConfigError('EMPTY_TOKEN', "The 'embedded' credential needs a token, and the token is empty. The kubelet writes it when the Pod starts; check the Pod's projected service-account volume.");
      }
      return { token: requireCarriableText('token', pod.token) };
  }
  return unknownCredential(mode);
}

export function unknownCredential(mode: unknown): never {
  throw new InClusterConfigError('INVALID_OPTION', `Unknown credential ${JSON.stringify(mode)}: use one of ${CREDENTIAL_MODES.join(', ')}.`);
}

/** Whether a kubeconfig holds a secret in plain text, and so must be stored and passed as one. */
export function carriesSecret(kubeconfig: Kubeconfig): boolean {
  return kubeconfig.users.some(({ user }) => user.token !== undefined);
}
