import { posix } from 'node:path';
import { requireCarriablePath } from './carried-text';
import { InClusterConfigError } from './errors';
import type { Cluster } from './kubeconfig';
import type { PodEnvironment } from './pod-environment';
import { serverUrl } from './server-address';

export interface ClusterOptions {
  /** Replaces `https://<KUBERNETES_SERVICE_HOST>:<KUBERNETES_SERVICE_PORT>`; must be an https URL. */
  readonly server?: string;
  /** Embed ca.crt as certificate-authority-data instead of referencing its path. Needs discovery's readCertificateAuthority. */
  readonly embedCertificateAuthority?: boolean;
  readonly tlsServerName?: string;
  /** An http, https or socks5 proxy, as client-go accepts. */
  readonly proxyUrl?: string;
}

/**
 * The cluster entry, from options validateRenderOptions() has accepted. Its default form is a compatibility promise: pulumi-kubernetes replaces its provider, and every
 * resource with it, when this entry changes. Fields are therefore always written in the same order and form.
 */
export function renderCluster(pod: PodEnvironment, options: ClusterOptions): Cluster {
  return {
    server: options.server ?? serverUrl(pod.host, pod.port),
    ...certificateAuthority(pod, options.embedCertificateAuthority ?? false),
    ...(options.tlsServerName === undefined ? {} : { 'tls-server-name': options.tlsServerName }),
    ...(options.proxyUrl === undefined ? {} : { 'proxy-url': options.proxyUrl }),
  };
}

function certificateAuthority(pod: PodEnvironment, embed: boolean): Pick<Cluster, 'certificate-authority' | 'certificate-authority-data'> {
  if (!embed) {
    return { 'certificate-authority': absolutePath('certificateAuthorityPath', pod.certificateAuthorityPath) };
  }
  if (pod.certificateAuthorityData === undefined) {
    throw new InClusterConfigError(
      'INVALID_OPTION',
      'embedCertificateAuthority needs the CA bundle, which was not read: discover the Pod with { readCertificateAuthority: true }.',
    );
  }
  return { 'certificate-authority-data': Buffer.from(pod.certificateAuthorityData, 'utf8').toString('base64') };
}

/**
 * Kubeconfig paths must be absolute: client-go resolves relative ones against the kubeconfig file's own directory.
 * Any other character a file name may hold is carried, escaped where YAML needs it.
 */
export function absolutePath(field: string, path: string): string {
  requireCarriablePath(field, path);
  if (!posix.isAbsolute(path)) {
    throw new InClusterConfigError('INVALID_OPTION', `${field} ${JSON.stringify(path)} must be an absolute path: clients resolve relative paths against the kubeconfig's location.`);
  }
  return path;
}
