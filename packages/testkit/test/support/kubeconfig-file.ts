import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** A kubeconfig with one cluster, one user and one context that joins them. */
export interface KubeconfigSpec {
  /** The API server's URL. */
  readonly server: string;
  /** PEM of the CA the client must trust, embedded as `certificate-authority-data`. */
  readonly certificateAuthority: string;
  /** The user entry as client-go spells it: `{ token }`, `{ tokenFile }`, `{ exec }`… */
  readonly user: object;
  /** The context's namespace. */
  readonly namespace: string;
  /** The cluster's proxy-url. */
  readonly proxyUrl?: string;
}

/** The kubeconfig as YAML text. */
export function kubeconfigText(spec: KubeconfigSpec): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'test',
        cluster: {
          server: spec.server,
          'certificate-authority-data': base64(spec.certificateAuthority),
          ...(spec.proxyUrl === undefined ? {} : { 'proxy-url': spec.proxyUrl }),
        },
      },
    ],
    users: [{ name: 'test', user: spec.user }],
    contexts: [{ name: 'test', context: { cluster: 'test', user: 'test', namespace: spec.namespace } }],
    'current-context': 'test',
  });
}

/** Writes the kubeconfig to a new file under `dir`, readable by its owner only as a real one would be, and returns its path. */
export function writeKubeconfigFile(dir: string, spec: KubeconfigSpec): string {
  const path = join(mkdtempSync(join(dir, 'kubeconfig-')), 'config');
  writeFileSync(path, kubeconfigText(spec), { mode: 0o600 });
  return path;
}

function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}
