import type { LoadOptions } from '@incluster/core';
import type * as k8s from '@pulumi/kubernetes';

/**
 * What to do when the program is not running in a Pod:
 * - `'fail'` (the default): throw NOT_IN_CLUSTER before any resource is registered;
 * - `'ambient'`: let the provider use $KUBECONFIG or ~/.kube/config, and say so in the Pulumi log;
 * - `{ kubeconfig, context? }`: use this kubeconfig (contents or path), and say so in the Pulumi log.
 */
export type OutsideCluster = 'fail' | 'ambient' | { readonly kubeconfig: string; readonly context?: string };

/**
 * The core's options (credential mode, names, namespace, server override…) and every other k8s.ProviderArgs,
 * passed to the provider unchanged. The kubeconfig, its context and cluster are the adapter's to set.
 */
export interface InClusterProviderArgs extends LoadOptions, Omit<k8s.ProviderArgs, 'kubeconfig' | 'context' | 'cluster' | 'namespace'> {
  readonly outsideCluster?: OutsideCluster;
}

export type InClusterOptions = LoadOptions & { readonly outsideCluster?: OutsideCluster };

// A Record, so that the compiler points here when the core gains an option.
const IN_CLUSTER_OPTION: Record<keyof InClusterOptions, true> = {
  credential: true,
  clusterName: true,
  userName: true,
  contextName: true,
  namespace: true,
  server: true,
  embedCertificateAuthority: true,
  tlsServerName: true,
  proxyUrl: true,
  serviceAccountDir: true,
  env: true,
  reader: true,
  outsideCluster: true,
};

/** Separates what incluster consumes from what goes to the provider as it is. */
export function splitProviderArgs(args: InClusterProviderArgs): { inCluster: InClusterOptions; passThrough: k8s.ProviderArgs } {
  const inCluster: Record<string, unknown> = {};
  const passThrough: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    (Object.hasOwn(IN_CLUSTER_OPTION, key) ? inCluster : passThrough)[key] = value;
  }
  return { inCluster, passThrough };
}
