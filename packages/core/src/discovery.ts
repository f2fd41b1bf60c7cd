import { type FileReader, nodeFileReader } from './file-reader';
import { discoverNamespace, validateNamespaceOption } from './namespace';
import type { PodEnvironment } from './pod-environment';
import {
  readCertificateAuthority,
  readServiceAccountToken,
  requireServiceAccountFile,
  serviceAccountPaths,
} from './service-account-files';
import { type Environment, readServiceAddress } from './service-environment';

export interface DiscoveryOptions {
  /** The environment to read; defaults to `process.env`. */
  readonly env?: Environment;
  /** How files are read; defaults to the real file system. */
  readonly reader?: FileReader;
  /** The service-account directory; defaults to $INCLUSTER_SERVICE_ACCOUNT_DIR, then the kubelet's mount point. */
  readonly serviceAccountDir?: string;
  /** Read the token itself, for an embedded credential. Off by default: a kubeconfig should reference it. */
  readonly readToken?: boolean;
  /** Read ca.crt, to embed it as certificate-authority-data. */
  readonly readCertificateAuthority?: boolean;
  /**
   * The namespace the caller chose. It wins over the Pod's own, which is then neither read nor required to be valid
   * (a bad POD_NAMESPACE or namespace file cannot block it). Must be a DNS-1123 label: INVALID_OPTION otherwise.
   */
  readonly namespace?: string;
}

/**
 * Finds the API server and the service account of the Pod this process runs in, the way client-go's
 * rest.InClusterConfig() and kubectl do: the address, then the files, then the namespace (unless the caller chose one),
 * stopping at the first problem. This is the only function in @incluster/core that does I/O; its steps are exported for tools (such as a
 * doctor) that judge each one on its own.
 */
export function discoverPodEnvironment(options: DiscoveryOptions = {}): PodEnvironment {
  const env = options.env ?? process.env;
  const reader = options.reader ?? nodeFileReader;
  const { host, port } = readServiceAddress(env);
  const paths = serviceAccountPaths(env, options.serviceAccountDir);
  requireServiceAccountFile(reader, paths.tokenPath, paths.origin);
  requireServiceAccountFile(reader, paths.certificateAuthorityPath, paths.origin);
  return {
    host,
    port,
    serviceAccountDir: paths.dir,
    tokenPath: paths.tokenPath,
    certificateAuthorityPath: paths.certificateAuthorityPath,
    ...(options.namespace === undefined
      ? discoverNamespace(env, reader, paths.namespacePath, paths.origin)
      : { namespace: validateNamespaceOption(options.namespace), namespaceSource: 'option' as const }),
    ...(options.readToken ? { token: readServiceAccountToken(reader, paths.tokenPath, paths.origin) } : {}),
    ...(options.readCertificateAuthority ? { certificateAuthorityData: readCertificateAuthority(reader, paths.certificateAuthorityPath, paths.origin) } : {}),
  };
}
