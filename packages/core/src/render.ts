import { ClusterOptions, absolutePath, renderCluster } from './cluster';
import { CredentialMode, DEFAULT_CREDENTIAL_MODE, renderUser } from './credential';
import { InClusterConfigError } from './errors';
import { Kubeconfig } from './kubeconfig';
import { validateNamespace } from './namespace';
import { PodEnvironment } from './pod-environment';

export interface RenderOptions extends ClusterOptions {
  /** How the user authenticates; `token-file` by default. */
  readonly credential?: CredentialMode;
  readonly clusterName?: string;
  readonly userName?: string;
  readonly contextName?: string;
  /** The context's namespace; defaults to the Pod's own. */
  readonly namespace?: string;
}

/** The name of the cluster, user and context unless options say otherwise. */
export const DEFAULT_ENTRY_NAME = 'incluster';

/**
 * Turns a Pod's environment into a kubeconfig that references the rotating token rather than copying it.
 * Pure: the same pod and options always give the same kubeconfig, and nothing is read from the environment or disk.
 */
export function renderKubeconfig(pod: PodEnvironment, options: RenderOptions = {}): Kubeconfig {
  const clusterName = entryName('clusterName', options.clusterName);
  const userName = entryName('userName', options.userName);
  const contextName = entryName('contextName', options.contextName);
  const namespace = options.namespace === undefined ? validateNamespace(pod.namespace, 'the Pod environment') : validateNamespace(options.namespace, 'the namespace option');
  absolutePath('tokenPath', pod.tokenPath);
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: clusterName, cluster: renderCluster(pod, options) }],
    users: [{ name: userName, user: renderUser(pod, options.credential ?? DEFAULT_CREDENTIAL_MODE) }],
    contexts: [{ name: contextName, context: { cluster: clusterName, user: userName, namespace } }],
    'current-context': contextName,
  };
}

function entryName(option: string, name: string | undefined): string {
  if (name === undefined) {
    return DEFAULT_ENTRY_NAME;
  }
  if (name.trim() === '') {
    throw new InClusterConfigError('INVALID_OPTION', `${option} must not be empty.`);
  }
  return name;
}
