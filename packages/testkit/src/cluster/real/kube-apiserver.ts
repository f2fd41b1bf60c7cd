import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AdminCredentials, callApi } from './admin-api';
import { freePort } from './free-port';
import { type ManagedProcess, startManagedProcess, waitUntilReady } from './managed-process';

export interface KubeApiserverOptions {
  readonly binary: string;
  readonly workDir: string;
  readonly etcdUrl: string;
  readonly serverCertificate: string;
  readonly serverKey: string;
  readonly caCertificate: string;
  readonly serviceAccountSigningKey: string;
  readonly serviceAccountPublicKey: string;
  /** Who /readyz is asked as. */
  readonly admin: Omit<AdminCredentials, 'url' | 'caCertificate'>;
}

export interface KubeApiserver {
  readonly url: string;
  readonly port: number;
  readonly process: ManagedProcess;
}

/** The issuer of the cluster's service-account tokens, as kubeadm clusters name it. */
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

/**
 * kube-apiserver on a loopback port, as controller-runtime's envtest runs it: client certificates signed by the
 * test CA, RBAC as the only authorizer, a service-account issuer with its signing key, and no ServiceAccount
 * admission plugin (no controller-manager runs to create the default ServiceAccount it would wait for).
 */
export async function startKubeApiserver(options: KubeApiserverOptions): Promise<KubeApiserver> {
  const file = (name: string, content: string) => {
    const path = join(options.workDir, name);
    writeFileSync(path, content, { mode: 0o600 });
    return path;
  };
  const port = await freePort();
  const url = `https://127.0.0.1:${port}`;
  const process = startManagedProcess(
    'kube-apiserver',
    options.binary,
    [
      `--etcd-servers=${options.etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${port}`,
      `--cert-dir=${join(options.workDir, 'apiserver-certs')}`,
      `--tls-cert-file=${file('apiserver.crt', options.serverCertificate)}`,
      `--tls-private-key-file=${file('apiserver.key', options.serverKey)}`,
      `--client-ca-file=${file('ca.crt', options.caCertificate)}`,
      '--authorization-mode=RBAC',
      `--service-account-issuer=${SERVICE_ACCOUNT_ISSUER}`,
      `--service-account-signing-key-file=${file('sa.key', options.serviceAccountSigningKey)}`,
      // Not defaulted from the signing key once the signing key is given.
      `--service-account-key-file=${file('sa.pub', options.serviceAccountPublicKey)}`,
      '--service-cluster-ip-range=10.0.0.0/24',
      '--disable-admission-plugins=ServiceAccount',
      '--allow-privileged=true',
      '--profiling=false',
    ],
    { logFile: join(options.workDir, 'kube-apiserver.log'), workDir: options.workDir },
  );
  const credentials: AdminCredentials = { url, caCertificate: options.caCertificate, ...options.admin };
  await waitUntilReady(process, async () => (await callApi(credentials, 'GET', '/readyz')).status === 200, 90_000);
  return { url, port, process };
}
