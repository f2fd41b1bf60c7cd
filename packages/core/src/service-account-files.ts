import { posix, resolve } from 'node:path';
import { InClusterConfigError, type PathOrigin } from './errors';
import type { FileReader } from './file-reader';
import type { Environment } from './service-environment';

export const DEFAULT_SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Where the service-account volume's three files are, as absolute paths (kubeconfig paths must be absolute). */
export interface ServiceAccountPaths {
  readonly dir: string;
  /** Where `dir` came from, for messages that say what to change. */
  readonly origin: PathOrigin;
  readonly tokenPath: string;
  readonly certificateAuthorityPath: string;
  readonly namespacePath: string;
}

/** The directory is the option, else $INCLUSTER_SERVICE_ACCOUNT_DIR, else the kubelet's mount point. */
export function serviceAccountPaths(env: Environment, serviceAccountDir?: string): ServiceAccountPaths {
  const origin: PathOrigin = serviceAccountDir ? 'option' : env.INCLUSTER_SERVICE_ACCOUNT_DIR ? 'INCLUSTER_SERVICE_ACCOUNT_DIR' : 'default';
  const dir = resolve(serviceAccountDir || env.INCLUSTER_SERVICE_ACCOUNT_DIR || DEFAULT_SERVICE_ACCOUNT_DIR);
  return {
    dir,
    origin,
    tokenPath: posix.join(dir, 'token'),
    certificateAuthorityPath: posix.join(dir, 'ca.crt'),
    namespacePath: posix.join(dir, 'namespace'),
  };
}

/**
 * The functions below take the path's origin (the kubelet's mount point unless told otherwise), so that their errors
 * give the fix that applies: a path the caller passed is corrected where it was passed, not by INCLUSTER_SERVICE_ACCOUNT_DIR.
 */

/** Checks that a service-account file is there and readable, without reading it. */
export function requireServiceAccountFile(reader: FileReader, path: string, origin: PathOrigin = 'default'): void {
  attempt(path, origin, () => reader.checkReadable(path));
}

/** Reads the bearer token, trimmed as client-go trims it. */
export function readServiceAccountToken(reader: FileReader, path: string, origin: PathOrigin = 'default'): string {
  const token = attempt(path, origin, () => reader.readText(path)).trim();
  if (!token) {
    throw new InClusterConfigError(
      'EMPTY_TOKEN',
      `The token file ${path} is empty. The kubelet writes it when the Pod starts; check the Pod's projected service-account volume.`,
      { path, origin },
    );
  }
  return token;
}

/** Reads the CA bundle, which must hold at least one PEM certificate. */
export function readCertificateAuthority(reader: FileReader, path: string, origin: PathOrigin = 'default'): string {
  const pem = attempt(path, origin, () => reader.readText(path));
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InClusterConfigError(
      'INVALID_CERTIFICATE_AUTHORITY',
      `${path} holds no PEM certificate ("-----BEGIN CERTIFICATE-----"). Mount the cluster's CA bundle there, or do not embed the CA.`,
      { path, origin },
    );
  }
  return pem;
}

/** Reads an optional service-account file: undefined when it does not exist, an error when it cannot be read. */
export function readOptionalServiceAccountFile(reader: FileReader, path: string, origin: PathOrigin = 'default'): string | undefined {
  return attempt(path, origin, () => reader.readText(path), { optional: true });
}

/** How to point at other files, for each origin of the path. */
const ELSEWHERE: Readonly<Record<PathOrigin, string>> = {
  default: 'or point INCLUSTER_SERVICE_ACCOUNT_DIR at the directory that holds token, ca.crt and namespace',
  INCLUSTER_SERVICE_ACCOUNT_DIR:
    "or point INCLUSTER_SERVICE_ACCOUNT_DIR at the directory that holds token, ca.crt and namespace (unset, it means the kubelet's mount point)",
  option: "or correct the path passed as an option, which overrides INCLUSTER_SERVICE_ACCOUNT_DIR and the kubelet's mount point",
};

/** Runs a file operation and turns its failure into an InClusterConfigError that names the file and the fix. */
function attempt<T>(path: string, origin: PathOrigin, operation: () => T, options: { optional: true }): T | undefined;
function attempt<T>(path: string, origin: PathOrigin, operation: () => T): T;
function attempt<T>(path: string, origin: PathOrigin, operation: () => T, options?: { optional: true }): T | undefined {
  try {
    return operation();
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    if (errno === 'ENOENT' && options?.optional) {
      return undefined;
    }
    const file = { path, origin, ...(errno === undefined ? {} : { errno }) };
    if (errno === 'ENOENT') {
      const message =
        origin === 'option'
          ? `${path} does not exist. Correct the path passed as an option, which overrides INCLUSTER_SERVICE_ACCOUNT_DIR and the kubelet's mount point.`
          : `${path} does not exist: the service account is not mounted. Set automountServiceAccountToken: true on the Pod or its ServiceAccount, ${ELSEWHERE[origin]}.`;
      throw new InClusterConfigError('SERVICE_ACCOUNT_NOT_MOUNTED', message, file);
    }
    if (errno === 'EISDIR') {
      throw new InClusterConfigError(
        'UNREADABLE_FILE',
        `${path} is not a regular file (EISDIR). Make it a regular file the container's user can read, ${ELSEWHERE[origin]}.`,
        file,
      );
    }
    throw new InClusterConfigError(
      'UNREADABLE_FILE',
      `${path} cannot be read (${errno ?? (error as Error).message}). ` +
        `Give the container's user read access to it (runAsUser, fsGroup or the volume's defaultMode), ${ELSEWHERE[origin]}.`,
      file,
    );
  }
}

