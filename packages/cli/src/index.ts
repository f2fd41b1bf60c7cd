/**
 * @incluster/cli: the `incluster-kubeconfig` command. Not implemented yet: this package is a placeholder that
 * reserves its name and builds with the rest of the monorepo. Until it lands, use @incluster/core.
 */
export const IMPLEMENTED = false;
