import { readFileSync } from 'node:fs';
import type { ApiServer } from '../../src/cluster/stand-in/api-server';
import { type SimulatedCluster, type SimulatedClusterOptions, startSimulatedCluster } from '../../src/cluster/stand-in/simulated-cluster';
import type { SimulatedPod } from '../../src/pod/simulated-pod';
import { type KubeconfigSpec, writeKubeconfigFile } from './kubeconfig-file';

/** A simulated cluster shared by the tests of one describe block. */
export interface ClusterFixture {
  readonly pod: SimulatedPod;
  readonly server: ApiServer;
  /** A scratch directory for the tests' files, removed along with the cluster. */
  readonly workDir: string;
  /** A kubeconfig for the cluster's API server, in the Pod's namespace, with the given user. */
  kubeconfig(user: object): KubeconfigSpec;
  /** The same kubeconfig, written to a new file in workDir; returns its path. */
  kubeconfigFile(user: object): string;
}

/**
 * Starts a simulated cluster before the tests of the enclosing block and disposes of it after them. Its namespace
 * holds `kube-root-ca.crt`, as every real namespace does, beside the `settings` the simulated cluster seeds.
 * Its members can be used from inside a test or hook only, once the cluster has started.
 */
export function useSimulatedCluster(options: SimulatedClusterOptions = {}): ClusterFixture {
  let started: SimulatedCluster | undefined;
  beforeAll(async () => {
    started = await startSimulatedCluster(options);
    started.server.addConfigMap(started.pod.namespace, 'kube-root-ca.crt', {});
  });
  afterAll(async () => {
    await started?.dispose();
  });

  const get = () => {
    if (started === undefined) {
      throw new Error('the simulated cluster starts in beforeAll: use it inside a test or a later hook');
    }
    return started;
  };
  const fixture: ClusterFixture = {
    get pod() {
      return get().pod;
    },
    get server() {
      return get().server;
    },
    get workDir() {
      return get().workDir;
    },
    kubeconfig: (user) => ({
      server: fixture.server.url,
      certificateAuthority: readFileSync(fixture.pod.certificateAuthorityPath, 'utf8'),
      user,
      namespace: fixture.pod.namespace,
    }),
    kubeconfigFile: (user) => writeKubeconfigFile(fixture.workDir, fixture.kubeconfig(user)),
  };
  return fixture;
}
