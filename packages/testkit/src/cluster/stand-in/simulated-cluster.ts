import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiServer, startApiServer } from './api-server';
import { type TestCertificates, createTestCertificates } from '../certificates';
import { SimulatedPod, type SimulatedPodOptions } from '../../pod/simulated-pod';

export interface SimulatedClusterOptions extends Omit<SimulatedPodOptions, 'certificateAuthority'> {
  /** Reuse certificates across clusters: generating them takes a few hundred milliseconds. */
  readonly certificates?: TestCertificates;
  /** Where the API server listens; default 127.0.0.1. */
  readonly listenOn?: '127.0.0.1' | '::1';
  /** What the Pod sees in KUBERNETES_SERVICE_HOST; default the listening address (`localhost` is also valid). */
  readonly serviceHost?: string;
}

/** A simulated Pod and the stand-in API server that knows its tokens: everything a real client needs. */
export interface SimulatedCluster {
  readonly pod: SimulatedPod;
  readonly server: ApiServer;
  /** The Pod's environment, to hand to a producer or a child process. */
  readonly env: Readonly<Record<string, string>>;
  /** A scratch directory for the test's own files (kubeconfigs), removed with the cluster. */
  readonly workDir: string;
  dispose(): Promise<void>;
}

export async function startSimulatedCluster(options: SimulatedClusterOptions = {}): Promise<SimulatedCluster> {
  const certificates = options.certificates ?? createTestCertificates();
  const pod = new SimulatedPod({ ...options, certificateAuthority: certificates.caCertificate });
  const server = await startApiServer({ tls: certificates, authority: pod, host: options.listenOn });
  server.addConfigMap(pod.namespace, 'settings', { greeting: 'hello' });
  const workDir = mkdtempSync(join(tmpdir(), 'incluster-work-'));
  return {
    pod,
    server,
    env: pod.env({ host: options.serviceHost ?? server.host, port: server.port }),
    workDir,
    dispose: async () => {
      rmSync(workDir, { recursive: true, force: true });
      await server.close();
      pod.dispose();
    },
  };
}
