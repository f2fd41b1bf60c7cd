import { REAL_CLUSTER_START_TIMEOUT_MS } from '../../conformance/real-ground';
import { type RealCluster, type RealPodOptions, startRealCluster } from './real-cluster';
import type { RealPod } from './real-pod';

/** A real cluster with one Pod in it, for the tests of the describe block that asked for it. */
export interface RealPodFixture {
  readonly cluster: RealCluster;
  readonly pod: RealPod;
  /** The Pod's environment, pointing at the cluster: what a program in the Pod is given. */
  env(): Record<string, string>;
}

/**
 * Starts a real cluster and a Pod (default: ServiceAccount `deployer` in `team-a`) in a beforeAll, and removes both
 * in an afterAll. Call it inside a describe block; read the fixture's fields inside tests.
 */
export function useRealPod(options: RealPodOptions = { namespace: 'team-a', serviceAccount: 'deployer' }): RealPodFixture {
  let cluster: RealCluster | undefined;
  let pod: RealPod | undefined;
  beforeAll(async () => {
    cluster = await startRealCluster();
    pod = await cluster.startPod(options);
  }, REAL_CLUSTER_START_TIMEOUT_MS);
  afterAll(async () => {
    pod?.dispose();
    await cluster?.dispose();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) {
      throw new Error('the real cluster has not started: read the fixture inside a test, after beforeAll');
    }
    return value;
  };
  return {
    get cluster() {
      return started(cluster);
    },
    get pod() {
      return started(pod);
    },
    env: () => started(pod).env({ host: started(cluster).host, port: started(cluster).port }),
  };
}
