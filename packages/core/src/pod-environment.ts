/** Where a Pod finds its API server and its service account: what discovery finds and rendering consumes. */
export interface PodEnvironment {
  /** KUBERNETES_SERVICE_HOST: an IPv4 or IPv6 address, or a host name. */
  readonly host: string;
  /** KUBERNETES_SERVICE_PORT. */
  readonly port: number;
  /** Absolute path of the service-account directory. */
  readonly serviceAccountDir: string;
  /** Absolute path of the bearer token; the kubelet replaces the file's content as the token rotates. */
  readonly tokenPath: string;
  /** Absolute path of the cluster's CA bundle. */
  readonly certificateAuthorityPath: string;
  readonly namespace: string;
  readonly namespaceSource: NamespaceSource;
  /** The token itself, present only when discovery was asked to read it (for an embedded credential). */
  readonly token?: string;
  /** The CA bundle's PEM text, present only when discovery was asked to read it (to embed it). */
  readonly certificateAuthorityData?: string;
}

/**
 * Where the namespace came from, in kubectl's order of precedence: the caller's namespace option (kubectl's
 * --namespace), else $POD_NAMESPACE, else the namespace file, else `default`.
 */
export type NamespaceSource = 'option' | 'POD_NAMESPACE' | 'namespace-file' | 'default';
