import { CREDENTIAL_MODES, type CredentialMode, type LoadOptions } from '@incluster/core';
import type { Command } from 'commander';

/**
 * The flags that shape how a client of the kubeconfig reaches and authenticates to the API server. render writes them
 * into the kubeconfig; doctor --probe calls the API server as that kubeconfig would. Both commands add them from here,
 * so that whatever render can be told, the doctor can check.
 */
/** What a URL option may hold: what client-go's URL parser takes, and what a kubeconfig carries unchanged. */
const URL_RULE = 'no white space, control characters or backslashes (percent-encode them), and every "%" starts an escape';

export interface ConnectionFlags {
  readonly credential: CredentialMode;
  readonly server?: string;
  readonly embedCa?: boolean;
  readonly tlsServerName?: string;
  readonly proxyUrl?: string;
}

export function addConnectionOptions(command: Command): Command {
  return (
    command
      // The core validates the mode, so the CLI reports the same INVALID_OPTION as every other producer.
      .option('--credential <mode>', `how the user authenticates: ${CREDENTIAL_MODES.join(', ')}`, 'token-file')
      .option('--server <url>', `the API server URL, https only (default: https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT); ${URL_RULE}`)
      .option('--embed-ca', 'embed ca.crt as certificate-authority-data instead of referencing its path')
      .option(
        '--tls-server-name <name>',
        'the server name to verify the API server certificate against: an ASCII host name (xn-- for an international one) or IPv4 address',
      )
      .option('--proxy-url <url>', `an http, https or socks5 proxy for the API server; ${URL_RULE}`)
  );
}

/** The flags as @incluster/core's options. */
export function connectionLoadOptions(flags: ConnectionFlags): LoadOptions {
  return {
    credential: flags.credential,
    server: flags.server,
    embedCertificateAuthority: flags.embedCa,
    tlsServerName: flags.tlsServerName,
    proxyUrl: flags.proxyUrl,
  };
}
