import { parse, stringify } from 'yaml';

/**
 * The producer's kubeconfig with its user replaced by the Pod's current token, embedded. If a client fails with
 * the produced kubeconfig but works with this one, the credential is what it could not use: the server, the CA and
 * the client itself are fine.
 */
export function withEmbeddedToken(kubeconfigText: string, token: string): string {
  const kubeconfig = parse(kubeconfigText);
  for (const entry of kubeconfig.users) {
    entry.user = { token };
  }
  return stringify(kubeconfig);
}
