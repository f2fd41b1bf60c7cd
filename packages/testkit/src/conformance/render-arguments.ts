import type { ProducerOptions } from './producer';

/**
 * The command line of `incluster-kubeconfig render` (and of `python -m incluster render`, which takes the same flags)
 * for the suite's options, as a shell script in a Pod would write it.
 */
export function renderArguments(options: ProducerOptions): string[] {
  const valued: Array<[string, string | undefined]> = [
    ['--credential', options.credential],
    ['--namespace', options.namespace],
    ['--service-account-dir', options.serviceAccountDir],
    ['--server', options.server],
    ['--tls-server-name', options.tlsServerName],
    ['--proxy-url', options.proxyUrl],
    ['--cluster-name', options.clusterName],
    ['--user-name', options.userName],
    ['--context', options.contextName],
  ];
  return [
    'render',
    ...valued.flatMap(([flag, value]) => (value === undefined ? [] : [flag, value])),
    ...(options.embedCertificateAuthority ? ['--embed-ca'] : []),
    ...(options.credential === 'embedded' ? ['--allow-embedded-token'] : []),
  ];
}
