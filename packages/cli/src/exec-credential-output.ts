import { EXEC_CREDENTIAL_LIFETIME_SECONDS } from '@incluster/core';
import { CliError } from './errors';
import { rfc3339Seconds } from './time';

/** The ExecCredential versions client-go may ask for; v1 first, as the default. */
export const EXEC_CREDENTIAL_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;

export type ExecCredentialApiVersion = (typeof EXEC_CREDENTIAL_API_VERSIONS)[number];

/** What an exec credential plugin prints for client-go: a bearer token and when to ask again. */
export interface ExecCredential {
  readonly apiVersion: ExecCredentialApiVersion;
  readonly kind: 'ExecCredential';
  readonly status: {
    readonly token: string;
    /** RFC 3339, whole seconds, UTC. */
    readonly expirationTimestamp: string;
  };
}

/**
 * The version to answer in. client-go sets KUBERNETES_EXEC_INFO to a JSON ExecCredential whose apiVersion is the
 * one the kubeconfig's exec entry asked for; without it (a person running the command), v1.
 */
export function requestedApiVersion(execInfo: string | undefined): ExecCredentialApiVersion {
  if (!execInfo?.trim()) {
    return EXEC_CREDENTIAL_API_VERSIONS[0];
  }
  let apiVersion: unknown;
  try {
    apiVersion = (JSON.parse(execInfo) as { apiVersion?: unknown } | null)?.apiVersion;
  } catch {
    throw new CliError('USAGE', 'KUBERNETES_EXEC_INFO is not JSON. client-go sets it to an ExecCredential; unset it to get a v1 credential.');
  }
  if (!EXEC_CREDENTIAL_API_VERSIONS.includes(apiVersion as ExecCredentialApiVersion)) {
    throw new CliError(
      'USAGE',
      `KUBERNETES_EXEC_INFO asks for an ExecCredential of apiVersion ${JSON.stringify(apiVersion)}, which this plugin does not speak: ` +
        `set the kubeconfig's exec apiVersion to ${EXEC_CREDENTIAL_API_VERSIONS.join(' or ')}.`,
    );
  }
  return apiVersion as ExecCredentialApiVersion;
}

/**
 * When the client must run the plugin again: at most EXEC_CREDENTIAL_LIFETIME_SECONDS from now, so that a rotated
 * token is picked up as soon as client-go's own token file would be, and never after the token itself expires.
 */
export function credentialExpiry(now: Date, tokenExpiry: Date | undefined): Date {
  const wholeSecondsFromNow = Math.floor(now.getTime() / 1000) + EXEC_CREDENTIAL_LIFETIME_SECONDS;
  const expiry = new Date(wholeSecondsFromNow * 1000);
  return tokenExpiry !== undefined && tokenExpiry < expiry ? tokenExpiry : expiry;
}

export function execCredential(apiVersion: ExecCredentialApiVersion, token: string, expiry: Date): ExecCredential {
  return {
    apiVersion,
    kind: 'ExecCredential',
    status: { token, expirationTimestamp: rfc3339Seconds(expiry) },
  };
}

