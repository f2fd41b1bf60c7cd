import { absolutePath, renderCluster } from './cluster';
import { DEFAULT_CREDENTIAL_MODE, renderUser } from './credential';
import type { Kubeconfig } from './kubeconfig';
import { validateNamespace } from './namespace';
import type { PodEnvironment } from './pod-environment';
import { type RenderOptions, validateRenderOptions } from './render-options';

export type { RenderOptions } from './render-options';

/** The name of the cluster, user and context unless options say otherwise. */
export const DEFAULT_ENTRY_NAME = 'incluster';

/**
 * Turns a Pod's environment into a kubeconfig that references the rotating token rather than copying it.
 * Pure: the same pod and options always give the same kubeconfig, and nothing is read from the environment or disk.
 */
export function renderKubeconfig(pod: PodEnvironment, options: RenderOptions = {}): Kubeconfig {
  validateRenderOptions(options);
  const clusterName = options.clusterName ?? DEFAULT_ENTRY_NAME;
  const userName = options.userName ?? DEFAULT_ENTRY_NAME;
  const contextName = options.contextName ?? DEFAULT_ENTRY_NAME;
  const namespace = options.namespace ?? validateNamespace(pod.namespace, 'the Pod environment');
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
