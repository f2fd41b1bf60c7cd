import { join, resolve } from 'node:path';
import { DEFAULT_SERVICE_ACCOUNT_DIR, InClusterConfigError, nodeFileReader } from '@incluster/core';

export type ServiceAccountDirSource = '--service-account-dir' | 'INCLUSTER_SERVICE_ACCOUNT_DIR' | 'default';

export interface ServiceAccountPaths {
  readonly dir: string;
  /** Where the directory came from, for doctor to show. */
  readonly source: ServiceAccountDirSource;
  readonly tokenPath: string;
  readonly certificateAuthorityPath: string;
}

/**
 * The service-account files, found by @incluster/core's rule (the option, then $INCLUSTER_SERVICE_ACCOUNT_DIR, then
 * the kubelet's mount point) but without discovery's other requirements, so that `credential` and `doctor` can look
 * at the files even when the service variables are missing.
 */
export function serviceAccountPaths(dirOption: string | undefined, env: Readonly<Record<string, string | undefined>>): ServiceAccountPaths {
  const [dir, source]: [string, ServiceAccountDirSource] = dirOption
    ? [dirOption, '--service-account-dir']
    : env.INCLUSTER_SERVICE_ACCOUNT_DIR
      ? [env.INCLUSTER_SERVICE_ACCOUNT_DIR, 'INCLUSTER_SERVICE_ACCOUNT_DIR']
      : [DEFAULT_SERVICE_ACCOUNT_DIR, 'default'];
  const absolute = resolve(dir);
  return { dir: absolute, source, tokenPath: join(absolute, 'token'), certificateAuthorityPath: join(absolute, 'ca.crt') };
}

/** Reads the bearer token, trimmed, failing with core's codes when it is missing, unreadable or empty. */
export function readTokenFile(path: string): string {
  const token = readServiceAccountFile(path, 'token file').trim();
  if (!token) {
    throw new InClusterConfigError('EMPTY_TOKEN', `The token file ${path} is empty. The kubelet writes it when the Pod starts; check the Pod's projected service-account volume.`);
  }
  return token;
}

/** Reads a service-account file as text, failing with core's codes: SERVICE_ACCOUNT_NOT_MOUNTED or UNREADABLE_FILE. */
export function readServiceAccountFile(path: string, what: string): string {
  try {
    nodeFileReader.checkReadable(path);
    return nodeFileReader.readText(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InClusterConfigError(
        'SERVICE_ACCOUNT_NOT_MOUNTED',
        `The ${what} ${path} does not exist: the service account is not mounted. Set automountServiceAccountToken: true on the Pod ` +
          'or its ServiceAccount, or point INCLUSTER_SERVICE_ACCOUNT_DIR (or --service-account-dir) at the directory that holds it.',
      );
    }
    throw new InClusterConfigError(
      'UNREADABLE_FILE',
      `The ${what} ${path} cannot be read (${code ?? (error as Error).message}). Give the container's user read access to it ` +
        "(runAsUser, fsGroup or the volume's defaultMode).",
    );
  }
}
