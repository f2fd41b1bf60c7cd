import { requireAsciiHostName, requireCarriableText, requireCarriableUrl } from './carried-text';
import type { ClusterOptions } from './cluster';
import { CREDENTIAL_MODES, type CredentialMode, unknownCredential } from './credential';
import { InClusterConfigError } from './errors';
import { validateNamespaceOption } from './namespace';

export interface RenderOptions extends ClusterOptions {
  /** How the user authenticates; `token-file` by default. */
  readonly credential?: CredentialMode;
  readonly clusterName?: string;
  readonly userName?: string;
  readonly contextName?: string;
  /** The context's namespace; defaults to the Pod's own, which is then not read (see DiscoveryOptions.namespace). */
  readonly namespace?: string;
}

/**
 * Checks every option on its own, before anything is discovered: a wrong option is the caller's mistake
 * (INVALID_OPTION), whatever state the Pod is in.
 *
 * A name may hold any Unicode text that is not blank, as client-go accepts any non-empty string: names that YAML 1.1
 * would read as something else (`on`, `1_000`) are quoted, line breaks and controls escaped. Only what no kubeconfig
 * can carry is refused (carried-text.ts).
 */
export function validateRenderOptions(options: RenderOptions): void {
  for (const option of ['clusterName', 'userName', 'contextName'] as const) {
    if (options[option] !== undefined && options[option].trim() === '') {
      throw new InClusterConfigError('INVALID_OPTION', `${option} must not be empty.`);
    }
    if (options[option] !== undefined) {
      requireCarriableText(option, options[option]);
    }
  }
  if (options.namespace !== undefined) {
    validateNamespaceOption(options.namespace);
  }
  if (options.credential !== undefined && !CREDENTIAL_MODES.includes(options.credential)) {
    unknownCredential(options.credential);
  }
  if (options.server !== undefined) {
    validateUrl('server', options.server, ['https:']);
  }
  if (options.tlsServerName !== undefined) {
    requireAsciiHostName('tlsServerName', options.tlsServerName);
  }
  if (options.tlsServerName !== undefined && (!options.tlsServerName || /[/:]/.test(options.tlsServerName))) {
    throw new InClusterConfigError('INVALID_OPTION', `tlsServerName ${JSON.stringify(options.tlsServerName)} must be a host name, such as kubernetes.default.svc.`);
  }
  if (options.proxyUrl !== undefined) {
    validateUrl('proxyUrl', options.proxyUrl, ['http:', 'https:', 'socks5:']);
  }
}

function validateUrl(option: string, url: string, protocols: readonly string[]): void {
  requireCarriableUrl(option, url);
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === undefined || !protocols.includes(protocol)) {
    throw new InClusterConfigError('INVALID_OPTION', `${option} ${JSON.stringify(url)} is not a valid URL with scheme ${protocols.map((p) => p.slice(0, -1)).join(', ')}.`);
  }
}
