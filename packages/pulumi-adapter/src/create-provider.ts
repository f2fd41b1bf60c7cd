import * as k8s from '@pulumi/kubernetes';
import type * as pulumi from '@pulumi/pulumi';
import { connectToCluster } from './cluster-connection';
import { type InClusterProviderArgs, splitProviderArgs } from './provider-args';

/**
 * A Kubernetes provider for the cluster this program runs in, authenticated as the Pod's service account.
 * Its kubeconfig references the rotating token (nothing secret in state), needs no shell, and keeps a cluster entry
 * that never changes, so the provider is not replaced. Outside a Pod it throws NOT_IN_CLUSTER unless
 * `outsideCluster` says otherwise.
 */
export function createInClusterProvider(name: string, args: InClusterProviderArgs = {}, opts?: pulumi.CustomResourceOptions): k8s.Provider {
  const { inCluster, passThrough } = splitProviderArgs(args);
  const { kubeconfig, context } = connectToCluster(name, inCluster);
  return new k8s.Provider(name, { ...passThrough, kubeconfig, context }, opts);
}
