import { type Adapter, carriesSecret, toYaml } from '@incluster/core';
import * as pulumi from '@pulumi/pulumi';

/** The provider inputs that point it at a cluster. */
export interface ProviderKubeconfig {
  /** A plain string, known at preview, so the provider is never replaced for being unknown; secret if it holds a token. */
  readonly kubeconfig: pulumi.Input<string> | undefined;
  /** Set explicitly, so the provider's strictMode is satisfied and no other context can be picked. */
  readonly context: string | undefined;
}

/** The Pulumi adapter: the kubeconfig as provider inputs, wrapped in pulumi.secret when it carries a token. */
export const pulumiKubeconfigAdapter: Adapter<ProviderKubeconfig> = {
  name: '@incluster/pulumi-adapter',
  build: ({ kubeconfig }) => {
    const text = toYaml(kubeconfig);
    return { kubeconfig: carriesSecret(kubeconfig) ? pulumi.secret(text) : text, context: kubeconfig['current-context'] };
  },
};
