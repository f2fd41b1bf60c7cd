import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type RealCluster, startRealCluster } from '../cluster/real/real-cluster';
import { PINNED } from '../toolchain/versions';
import { DEFAULT_NAMESPACE, type PodOnCluster, type PodShape, type ProvingGround } from './proving-ground';

/** A cold first run builds etcd and kube-apiserver; `npm test` builds them first, so this is a bound, not a wait. */
export const REAL_CLUSTER_START_TIMEOUT_MS = 45 * 60_000;

/**
 * One real control plane for the whole suite (etcd and kube-apiserver, started in seconds), and for each Pod a
 * ServiceAccount of its own with a Role for ConfigMaps, and tokens issued by the real TokenRequest API.
 */
export function realCluster(): ProvingGround {
  let cluster: RealCluster | undefined;
  const started = () => {
    if (cluster === undefined) {
      throw new Error('the real cluster is not running: the suite starts it in beforeAll');
    }
    return cluster;
  };
  return {
    name: `a real kube-apiserver ${PINNED.kubernetes.version}`,
    kind: 'real',
    setUp: async () => {
      cluster = await startRealCluster();
    },
    tearDown: async () => {
      await cluster?.dispose();
    },
    startPod: async (shape: PodShape = {}): Promise<PodOnCluster> => {
      const real = started();
      const namespace = shape.namespace ?? DEFAULT_NAMESPACE;
      const pod = await real.startPod({ namespace, alsoGrantIn: shape.alsoGrantIn });
      for (const seeded of [namespace, ...(shape.alsoGrantIn ?? [])]) {
        await real.putConfigMap(seeded, 'settings', { namespace: seeded });
      }
      if (shape.ipv6 && real.ipv6Port === undefined) {
        throw new Error('this machine has no IPv6 loopback (::1), so the real cluster has no IPv6 address');
      }
      const address = shape.ipv6 ? { host: '::1', port: real.ipv6Port! } : { host: real.host, port: real.port };
      const workDir = mkdtempSync(join(real.workDir, 'work-'));
      return {
        env: pod.env({ host: shape.serviceHost ?? address.host, port: address.port }),
        namespace,
        username: pod.username,
        get currentToken() {
          return pod.currentToken;
        },
        workDir,
        rotate: () => pod.rotate(),
        revoke: (token) => pod.revoke(token),
        dispose: async () => {
          rmSync(workDir, { recursive: true, force: true });
          pod.dispose();
        },
      };
    },
  };
}
