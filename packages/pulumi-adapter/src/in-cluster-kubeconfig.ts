import { type LoadOptions, loadInClusterKubeconfig, toYaml } from '@incluster/core';

/**
 * The Pod's kubeconfig as YAML, for other providers (helm, @pulumi/command) or pulumi.export. With the embedded
 * credential it holds a token: wrap it in pulumi.secret before it reaches state.
 */
export function inClusterKubeconfig(options: LoadOptions = {}): string {
  return toYaml(loadInClusterKubeconfig(options));
}
