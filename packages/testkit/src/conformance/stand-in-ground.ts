import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestCertificates, createTestCertificates } from '../cluster/certificates';
import { startApiServer } from '../cluster/stand-in/api-server';
import { SimulatedPod } from '../pod/simulated-pod';
import { DEFAULT_NAMESPACE, type PodOnCluster, type PodShape, type ProvingGround } from './proving-ground';

/**
 * Each Pod gets its own stand-in API server over real TLS, which accepts exactly the tokens the Pod issued and
 * records a tag of the token every request carried. Fast, and the default ground.
 */
export function standInCluster(): ProvingGround {
  let certificates: TestCertificates | undefined;
  return {
    name: 'the stand-in API server',
    kind: 'stand-in',
    setUp: async () => {
      certificates = createTestCertificates();
    },
    tearDown: async () => undefined,
    startPod: async (shape: PodShape = {}): Promise<PodOnCluster> => {
      certificates ??= createTestCertificates();
      const namespace = shape.namespace ?? DEFAULT_NAMESPACE;
      const pod = new SimulatedPod({ certificateAuthority: certificates.caCertificate, namespace });
      const server = await startApiServer({ tls: certificates, authority: pod, host: shape.ipv6 ? '::1' : '127.0.0.1' });
      for (const seeded of [namespace, ...(shape.alsoGrantIn ?? [])]) {
        server.addConfigMap(seeded, 'settings', { namespace: seeded });
      }
      const workDir = mkdtempSync(join(tmpdir(), 'incluster-work-'));
      return {
        env: pod.env({ host: shape.serviceHost ?? server.host, port: server.port }),
        namespace,
        username: pod.identity.username,
        get currentToken() {
          return pod.currentToken;
        },
        workDir,
        rotate: async () => pod.rotate(),
        revoke: async (token) => pod.revoke(token),
        requests: server.requests,
        dispose: async () => {
          rmSync(workDir, { recursive: true, force: true });
          await server.close();
          pod.dispose();
        },
      };
    },
  };
}
