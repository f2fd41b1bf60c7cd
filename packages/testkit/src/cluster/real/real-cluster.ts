import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ETCD } from '../../toolchain/etcd';
import { KUBE_APISERVER, KUBE_CONTROLLER_MANAGER } from '../../toolchain/kubernetes';
import { resolvePinnedBinary } from '../../toolchain/pinned-binary';
import { PINNED } from '../../toolchain/versions';
import { createClientCertificate, createKeyPair, createTestCertificates } from '../certificates';
import { hasIpv6Loopback } from '../ipv6-loopback';
import { type AdminCredentials, mustCallApi } from './admin-api';
import { startEtcd } from './etcd-server';
import { type Ipv6Forwarder, forwardIpv6ToLoopback } from './ipv6-forwarder';
import { startKubeApiserver } from './kube-apiserver';
import { startKubeControllerManager } from './kube-controller-manager';
import { RealPod } from './real-pod';

/** The verbs a least-privilege deployer gets on ConfigMaps, in one namespace. */
const CONFIG_MAP_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

export interface RealPodOptions {
  /** The Pod's namespace, created if it does not exist; default `team-a`. */
  readonly namespace?: string;
  /** The ServiceAccount's name, created in the namespace; default a fresh `deployer-<n>`. */
  readonly serviceAccount?: string;
  /** More namespaces where the ServiceAccount may use ConfigMaps (a kubeconfig's namespace option points there). */
  readonly alsoGrantIn?: readonly string[];
}

/** A real control plane: etcd, kube-apiserver and kube-controller-manager on loopback, torn down without a trace by dispose(). */
export interface RealCluster {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  readonly host: '127.0.0.1';
  readonly port: number;
  /** A port on [::1] that reaches the same server, where the machine has IPv6 loopback. */
  readonly ipv6Port: number | undefined;
  /** The kube-apiserver version, as pinned. */
  readonly version: string;
  /** The CA of the serving certificate (what a Pod's ca.crt holds). */
  readonly caCertificate: string;
  /** A kubeconfig file for the cluster admin (system:masters), for arranging and checking what tests do. */
  readonly adminKubeconfig: string;
  readonly admin: AdminCredentials;
  /** A scratch directory removed with the cluster. */
  readonly workDir: string;
  /** The process ids of etcd, kube-apiserver and kube-controller-manager. */
  readonly pids: readonly number[];
  createNamespace(name: string): Promise<void>;
  createServiceAccount(namespace: string, name: string): Promise<void>;
  /** A Role that allows ConfigMaps in `namespace`, bound to the ServiceAccount `namespace`/`serviceAccount` lives in. */
  grantConfigMaps(serviceAccount: { namespace: string; name: string }, namespace?: string): Promise<void>;
  /** Creates or replaces a ConfigMap. */
  putConfigMap(namespace: string, name: string, data: Readonly<Record<string, string>>): Promise<void>;
  /** A namespace, a ServiceAccount with the ConfigMap Role, and a Pod volume holding its bound token. */
  startPod(options?: RealPodOptions): Promise<RealPod>;
  dispose(): Promise<void>;
}

let serviceAccounts = 0;

/**
 * Starts etcd, kube-apiserver and kube-controller-manager (its garbage collector and namespace controller; built
 * from pinned sources on first use, see toolchain/) with fresh certificates: a serving certificate for 127.0.0.1, ::1
 * and localhost, an admin client certificate, and a service-account signing key. Resolves once /readyz answers and
 * the controllers are up, usually within 5 to 10 s.
 */
export async function startRealCluster(): Promise<RealCluster> {
  const etcdBinary = await resolvePinnedBinary(ETCD);
  const apiserverBinary = await resolvePinnedBinary(KUBE_APISERVER);
  const controllerManagerBinary = await resolvePinnedBinary(KUBE_CONTROLLER_MANAGER);
  const workDir = mkdtempSync(join(tmpdir(), 'incluster-real-cluster-'));
  const stops: Array<() => Promise<void>> = [];
  const dispose = async () => {
    for (const stop of stops.reverse()) {
      await stop();
    }
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const certificates = createTestCertificates();
    const adminCertificate = createClientCertificate(certificates, { commonName: 'incluster-admin', organizations: ['system:masters'] });
    const signingKey = createKeyPair();
    const etcd = await startEtcd(etcdBinary, workDir);
    stops.push(() => etcd.process.stop());
    const apiserver = await startKubeApiserver({
      binary: apiserverBinary,
      workDir,
      etcdUrl: etcd.url,
      serverCertificate: certificates.serverCertificate,
      serverKey: certificates.serverKey,
      caCertificate: certificates.caCertificate,
      serviceAccountSigningKey: signingKey.privateKey,
      serviceAccountPublicKey: signingKey.publicKey,
      admin: { clientCertificate: adminCertificate.certificate, clientKey: adminCertificate.key },
    });
    stops.push(() => apiserver.process.stop());
    let ipv6: Ipv6Forwarder | undefined;
    if (hasIpv6Loopback()) {
      ipv6 = await forwardIpv6ToLoopback(apiserver.port);
      stops.push(() => ipv6!.close());
    }
    const admin: AdminCredentials = {
      url: apiserver.url,
      caCertificate: certificates.caCertificate,
      clientCertificate: adminCertificate.certificate,
      clientKey: adminCertificate.key,
    };
    const adminKubeconfig = writeAdminKubeconfig(workDir, admin);
    const controllerManager = await startKubeControllerManager(controllerManagerBinary, workDir, adminKubeconfig);
    stops.push(() => controllerManager.stop());
    const cluster: RealCluster = {
      url: apiserver.url,
      host: '127.0.0.1',
      port: apiserver.port,
      ipv6Port: ipv6?.port,
      version: PINNED.kubernetes.version,
      caCertificate: certificates.caCertificate,
      adminKubeconfig,
      admin,
      workDir,
      pids: [etcd.process.pid, apiserver.process.pid, controllerManager.pid],
      createNamespace: async (name) => {
        await mustCallApi(admin, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, 'ok');
      },
      createServiceAccount: async (namespace, name) => {
        await mustCallApi(admin, 'POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } }, 'ok');
      },
      grantConfigMaps: async (serviceAccount, namespace = serviceAccount.namespace) => {
        const rbac = `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}`;
        const name = `configmaps-${serviceAccount.namespace}-${serviceAccount.name}`;
        await mustCallApi(admin, 'POST', `${rbac}/roles`, {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name },
          rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: CONFIG_MAP_VERBS }],
        }, 'ok');
        await mustCallApi(admin, 'POST', `${rbac}/rolebindings`, {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
          subjects: [{ kind: 'ServiceAccount', name: serviceAccount.name, namespace: serviceAccount.namespace }],
        }, 'ok');
      },
      putConfigMap: async (namespace, name, data) => {
        const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data };
        const created = await mustCallApi(admin, 'POST', `/api/v1/namespaces/${namespace}/configmaps`, body, 'ok');
        if (created === undefined) {
          await mustCallApi(admin, 'PUT', `/api/v1/namespaces/${namespace}/configmaps/${name}`, body);
        }
      },
      startPod: async (options = {}) => {
        const namespace = options.namespace ?? 'team-a';
        const name = options.serviceAccount ?? `deployer-${++serviceAccounts}`;
        await cluster.createNamespace(namespace);
        await cluster.createServiceAccount(namespace, name);
        for (const granted of [namespace, ...(options.alsoGrantIn ?? [])]) {
          await cluster.createNamespace(granted);
          await cluster.grantConfigMaps({ namespace, name }, granted);
        }
        return RealPod.start(admin, namespace, name);
      },
      dispose,
    };
    return cluster;
  } catch (error) {
    await dispose();
    throw error;
  }
}

function writeAdminKubeconfig(workDir: string, admin: AdminCredentials): string {
  const path = join(workDir, 'admin.kubeconfig');
  const data = (pem: string) => Buffer.from(pem).toString('base64');
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'real', cluster: { server: admin.url, 'certificate-authority-data': data(admin.caCertificate) } }],
    users: [{ name: 'admin', user: { 'client-certificate-data': data(admin.clientCertificate), 'client-key-data': data(admin.clientKey) } }],
    contexts: [{ name: 'admin', context: { cluster: 'real', user: 'admin' } }],
    'current-context': 'admin',
  };
  writeFileSync(path, stringify(kubeconfig), { mode: 0o600 });
  return path;
}
