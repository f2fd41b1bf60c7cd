import { posix, resolve } from 'node:path';
import { InClusterConfigError } from './errors';
import { FileReader, nodeFileReader } from './file-reader';
import { validateNamespace } from './namespace';
import {
  CERTIFICATE_AUTHORITY_FILE,
  DEFAULT_SERVICE_ACCOUNT_DIR,
  NAMESPACE_FILE,
  PodEnvironment,
  TOKEN_FILE,
} from './pod-environment';
import { parsePort, validateHost } from './server-address';

export interface DiscoveryOptions {
  /** The environment to read; defaults to `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How files are read; defaults to the real file system. */
  readonly reader?: FileReader;
  /** The service-account directory; defaults to $INCLUSTER_SERVICE_ACCOUNT_DIR, then the kubelet's mount point. */
  readonly serviceAccountDir?: string;
  /** Read the token itself, for an embedded credential. Off by default: a kubeconfig should reference it. */
  readonly readToken?: boolean;
  /** Read ca.crt, to embed it as certificate-authority-data. */
  readonly readCertificateAuthority?: boolean;
}

/**
 * Finds the API server and the service account of the Pod this process runs in, the way client-go's
 * rest.InClusterConfig() and kubectl do. This is the only function in @incluster/core that does I/O.
 */
export function discoverPodEnvironment(options: DiscoveryOptions = {}): PodEnvironment {
  const env = options.env ?? process.env;
  const reader = options.reader ?? nodeFileReader;
  const { host, port } = serviceAddress(env);
  const serviceAccountDir = resolve(options.serviceAccountDir || env.INCLUSTER_SERVICE_ACCOUNT_DIR || DEFAULT_SERVICE_ACCOUNT_DIR);
  const tokenPath = posix.join(serviceAccountDir, TOKEN_FILE);
  const certificateAuthorityPath = posix.join(serviceAccountDir, CERTIFICATE_AUTHORITY_FILE);
  requireMounted(reader, tokenPath);
  requireMounted(reader, certificateAuthorityPath);
  return {
    host,
    port,
    serviceAccountDir,
    tokenPath,
    certificateAuthorityPath,
    ...namespace(env, reader, posix.join(serviceAccountDir, NAMESPACE_FILE)),
    ...(options.readToken ? { token: readToken(reader, tokenPath) } : {}),
    ...(options.readCertificateAuthority ? { certificateAuthorityData: readCertificateAuthority(reader, certificateAuthorityPath) } : {}),
  };
}

function serviceAddress(env: Readonly<Record<string, string | undefined>>): { host: string; port: number } {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (host === undefined && port === undefined) {
    throw new InClusterConfigError(
      'NOT_IN_CLUSTER',
      'KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set, so this process is not running in a Kubernetes Pod. ' +
        'Run it in a Pod, or set both variables (and INCLUSTER_SERVICE_ACCOUNT_DIR) to describe the cluster.',
    );
  }
  for (const [name, value] of [['KUBERNETES_SERVICE_HOST', host], ['KUBERNETES_SERVICE_PORT', port]]) {
    if (!value) {
      throw new InClusterConfigError(
        'INVALID_ENVIRONMENT',
        `${name} is ${value === undefined ? 'not set' : 'empty'} although the other service variable is set. ` +
          'Kubernetes sets both in every Pod: set both, or neither.',
      );
    }
  }
  return { host: validateHost(host!), port: parsePort(port!) };
}

function requireMounted(reader: FileReader, path: string): void {
  attempt(path, () => reader.checkReadable(path));
}

function namespace(env: Readonly<Record<string, string | undefined>>, reader: FileReader, path: string): Pick<PodEnvironment, 'namespace' | 'namespaceSource'> {
  if (env.POD_NAMESPACE) {
    return { namespace: validateNamespace(env.POD_NAMESPACE, 'POD_NAMESPACE'), namespaceSource: 'POD_NAMESPACE' };
  }
  const fromFile = attempt(path, () => reader.readText(path), { optional: true })?.trim();
  if (fromFile) {
    return { namespace: validateNamespace(fromFile, path), namespaceSource: 'namespace-file' };
  }
  return { namespace: 'default', namespaceSource: 'default' };
}

function readToken(reader: FileReader, path: string): string {
  const token = attempt(path, () => reader.readText(path)).trim();
  if (!token) {
    throw new InClusterConfigError('EMPTY_TOKEN', `The token file ${path} is empty. The kubelet writes it when the Pod starts; check the Pod's projected service-account volume.`);
  }
  return token;
}

function readCertificateAuthority(reader: FileReader, path: string): string {
  const pem = attempt(path, () => reader.readText(path));
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InClusterConfigError(
      'INVALID_CERTIFICATE_AUTHORITY',
      `${path} holds no PEM certificate ("-----BEGIN CERTIFICATE-----"). Mount the cluster's CA bundle there, or do not embed the CA.`,
    );
  }
  return pem;
}

/** Runs a file operation and turns its failure into an InClusterConfigError that names the file and the fix. */
function attempt<T>(path: string, operation: () => T, options: { optional: true }): T | undefined;
function attempt<T>(path: string, operation: () => T): T;
function attempt<T>(path: string, operation: () => T, options?: { optional: true }): T | undefined {
  try {
    return operation();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options?.optional) {
      return undefined;
    }
    if (code === 'ENOENT') {
      throw new InClusterConfigError(
        'SERVICE_ACCOUNT_NOT_MOUNTED',
        `${path} does not exist, although KUBERNETES_SERVICE_HOST is set: the service account is not mounted. ` +
          'Set automountServiceAccountToken: true on the Pod or its ServiceAccount, ' +
          'or point INCLUSTER_SERVICE_ACCOUNT_DIR at the directory that holds token, ca.crt and namespace.',
      );
    }
    throw new InClusterConfigError(
      'UNREADABLE_FILE',
      `${path} cannot be read (${code ?? (error as Error).message}). ` +
        "Give the container's user read access to it (runAsUser, fsGroup or the volume's defaultMode), or point INCLUSTER_SERVICE_ACCOUNT_DIR elsewhere.",
    );
  }
}
