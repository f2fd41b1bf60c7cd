import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { KubeconfigProducer, ProducerOptions } from '@incluster/testkit';

const BINARY = join(__dirname, '..', '..', 'bin', 'incluster-kubeconfig.js');

/** The flags a shell script would pass for the conformance suite's options. */
function flags(options: ProducerOptions): string[] {
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

/** The built binary, as a Pod would run it, with nothing but the Pod's environment. */
export const binaryProducer: KubeconfigProducer = ({ env, options }) =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [BINARY, ...flags(options)], { env: { ...env } }, (error, stdout, stderr) => {
      if (!error) {
        return resolve(stdout);
      }
      const code = /^incluster-kubeconfig: error (\w+):/.exec(stderr)?.[1];
      reject(Object.assign(new Error(stderr.trim()), { code }));
    });
  });
