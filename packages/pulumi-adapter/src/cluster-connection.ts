import { isInClusterConfigError, runAdapter } from '@incluster/core';
import * as pulumi from '@pulumi/pulumi';
import type { InClusterOptions } from './provider-args';
import { type ProviderKubeconfig, pulumiKubeconfigAdapter } from './provider-kubeconfig';

/**
 * The Pod's kubeconfig, or, outside a Pod, the fallback the program opted into. Only NOT_IN_CLUSTER falls back:
 * a Pod with a broken service account fails loudly rather than deploying elsewhere.
 */
export function connectToCluster(resourceName: string, options: InClusterOptions): ProviderKubeconfig {
  const { outsideCluster = 'fail', ...loadOptions } = options;
  try {
    return runAdapter(pulumiKubeconfigAdapter, loadOptions);
  } catch (error) {
    if (!isInClusterConfigError(error) || error.code !== 'NOT_IN_CLUSTER' || outsideCluster === 'fail') {
      throw error;
    }
    if (outsideCluster === 'ambient') {
      const ambient = process.env.KUBECONFIG ? `$KUBECONFIG (${process.env.KUBECONFIG})` : '~/.kube/config';
      pulumi.log.info(`${resourceName}: not running in a Pod; outsideCluster is 'ambient', so the provider uses ${ambient}.`);
      return { kubeconfig: undefined, context: undefined };
    }
    pulumi.log.info(`${resourceName}: not running in a Pod; the provider uses the kubeconfig given in outsideCluster.`);
    // A kubeconfig from elsewhere usually holds credentials: it is kept out of the state in plain text.
    return { kubeconfig: pulumi.secret(outsideCluster.kubeconfig), context: outsideCluster.context };
  }
}
