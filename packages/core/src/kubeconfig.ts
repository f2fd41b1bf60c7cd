/**
 * The kubeconfig data model: plain types that mirror client-go's `tools/clientcmd/api/v1`,
 * with the same field names and nesting, and no behaviour. Only the fields incluster writes are declared.
 */

export interface Kubeconfig {
  readonly apiVersion: 'v1';
  readonly kind: 'Config';
  readonly clusters: readonly NamedCluster[];
  readonly users: readonly NamedUser[];
  readonly contexts: readonly NamedContext[];
  readonly 'current-context': string;
}

export interface NamedCluster {
  readonly name: string;
  readonly cluster: Cluster;
}

export interface Cluster {
  /** Always `https://`: client-go only sends credentials over TLS. */
  readonly server: string;
  /** Absolute path to the CA bundle. Absent when `certificate-authority-data` is used. */
  readonly 'certificate-authority'?: string;
  /** The CA bundle's PEM, base64-encoded. */
  readonly 'certificate-authority-data'?: string;
  readonly 'tls-server-name'?: string;
  readonly 'proxy-url'?: string;
}

export interface NamedUser {
  readonly name: string;
  readonly user: User;
}

export interface User {
  /** A bearer token in plain text: the kubeconfig then carries a secret. */
  readonly token?: string;
  /** Absolute path to a bearer token that client-go re-reads every minute. */
  readonly tokenFile?: string;
  readonly exec?: ExecConfig;
}

/** An exec credential plugin, as in client-go's `ExecConfig`. */
export interface ExecConfig {
  readonly apiVersion: 'client.authentication.k8s.io/v1';
  readonly command: string;
  readonly args: readonly string[];
  readonly interactiveMode: 'Never' | 'IfAvailable' | 'Always';
  readonly provideClusterInfo: boolean;
  readonly installHint?: string;
}

export interface NamedContext {
  readonly name: string;
  readonly context: Context;
}

export interface Context {
  readonly cluster: string;
  readonly user: string;
  readonly namespace: string;
}
