import { posix, resolve } from 'node:path';
import { InClusterConfigError } from './errors';
import { FileReader } from './file-reader';
import { Environment } from './service-environment';

export const DEFAULT_SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Where the service-account volume's three files are, as absolute paths (kubeconfig paths must be absolute). */
export interface ServiceAccountPaths {
  readonly dir: string;
  readonly tokenPath: string;
  readonly certificateAuthorityPath: string;
  readonly namespacePath: string;
}

/** The directory is the option, else $INCLUSTER_SERVICE_ACCOUNT_DIR, else the kubelet's mount point. */
export function serviceAccountPaths(env: Environment, serviceAccountDir?: string): ServiceAccountPaths {
  const dir = resolve(serviceAccountDir || env.INCLUSTER_SERVICE_ACCOUNT_DIR || DEFAULT_SERVICE_ACCOUNT_DIR);
  return {
    dir,
    tokenPath: posix.join(dir, 'token'),
    certificateAuthorityPath: posix.join(dir, 'ca.crt'),
    namespacePath: posix.join(dir, 'namespace'),
  };
}

/** Checks that a service-account file is there and readable, without reading it. */
export function requireServiceAccountFile(reader: FileReader, path: string): void {
  attempt(path, () => reader.checkReadable(path));
}

/** Reads the bearer token, trimmed as client-go trims it. */
export function readServiceAccountToken(reader: FileReader, path: string): string {
  const token = attempt(path, () => reader.readText(path)).trim();
  if (!token) {
    throw new InClusterConfigError('EMPTY_TOKEN', `The token file ${path} is empty. The kubelet writes it when the Pod starts; check the Pod's projected service-account volume.`);
  }
  return token;
}

/** Reads the CA bundle, which must hold at least one PEM certificate. */
export function readCertificateAuthority(reader: FileReader, path: string): string {
  const pem = attempt(path, () => reader.readText(path));
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InClusterConfigError(
      'INVALID_CERTIFICATE_AUTHORITY',
      `${path} holds no PEM certificate ("-----BEGIN CERTIFICATE-----"). Mount the cluster's CA bundle there, or do not embed the CA.`,
    );
  }
  return pem;
}

/** Reads an optional service-account file: undefined when it does not exist, an error when it cannot be read. */
export function readOptionalServiceAccountFile(reader: FileReader, path: string): string | undefined {
  return attempt(path, () => reader.readText(path), { optional: true });
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
        `${path} does not exist: the service account is not mounted. ` +
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
