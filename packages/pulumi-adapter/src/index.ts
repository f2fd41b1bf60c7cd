/**
 * @incluster/pulumi-adapter: an explicit, rotation-safe in-cluster provider for Pulumi programs. Not implemented
 * yet: this package is a placeholder that reserves its name and builds with the rest of the monorepo.
 * Until it lands, pass `toYaml(loadInClusterKubeconfig())` from @incluster/core as the provider's kubeconfig.
 */
export const IMPLEMENTED = false;
