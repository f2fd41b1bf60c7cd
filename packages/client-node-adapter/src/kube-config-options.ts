import type { Adapter, Cluster, User } from '@incluster/core';
import type { Cluster as ClientNodeCluster, Context as ClientNodeContext, User as ClientNodeUser } from '@kubernetes/client-node';

/** The argument of client-node's `KubeConfig.loadFromOptions()`: plain data, ready to be cloned or inspected. */
export interface KubeConfigOptions {
  readonly clusters: ClientNodeCluster[];
  readonly users: ClientNodeUser[];
  readonly contexts: ClientNodeContext[];
  readonly currentContext: string;
}

/**
 * The client-node adapter. client-node ignores a kubeconfig's `tokenFile`, so a token-file user becomes the
 * `tokenFile` auth provider that client-node's own loadFromCluster() uses: it re-reads the file every 60 s, as
 * client-go does. The server, CA and names are the core's, so client-node talks to the same cluster as kubectl.
 */
export const clientNodeAdapter: Adapter<KubeConfigOptions> = {
  name: '@incluster/client-node-adapter',
  build: ({ kubeconfig }) => ({
    clusters: kubeconfig.clusters.map(({ name, cluster }) => toClientNodeCluster(name, cluster)),
    users: kubeconfig.users.map(({ name, user }) => toClientNodeUser(name, user)),
    contexts: kubeconfig.contexts.map(({ name, context }) => ({ name, ...context })),
    currentContext: kubeconfig['current-context'],
  }),
};

function toClientNodeCluster(name: string, cluster: Cluster): ClientNodeCluster {
  return {
    name,
    server: cluster.server,
    skipTLSVerify: false,
    ...(cluster['certificate-authority'] === undefined ? {} : { caFile: cluster['certificate-authority'] }),
    ...(cluster['certificate-authority-data'] === undefined ? {} : { caData: cluster['certificate-authority-data'] }),
    ...(cluster['tls-server-name'] === undefined ? {} : { tlsServerName: cluster['tls-server-name'] }),
    ...(cluster['proxy-url'] === undefined ? {} : { proxyUrl: cluster['proxy-url'] }),
  };
}

/** A token file wins over the exec plugin: client-node then reads the token itself and needs no shell. */
function toClientNodeUser(name: string, user: User): ClientNodeUser {
  if (user.tokenFile !== undefined) {
    return { name, authProvider: { name: 'tokenFile', config: { tokenFile: user.tokenFile } } };
  }
  if (user.exec !== undefined) {
    return { name, exec: user.exec };
  }
  return { name, token: user.token };
}
