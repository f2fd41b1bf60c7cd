import { request } from 'node:https';
import { join } from 'node:path';
import { freePort } from './free-port';
import { type ManagedProcess, startManagedProcess, waitUntilReady } from './managed-process';

/**
 * The controllers a test cluster needs: the garbage collector, which finishes foreground deletions (the kind
 * pulumi-kubernetes asks for), and the namespace controller, which empties and removes deleted namespaces.
 * Nothing schedules or runs Pods here, so the rest stay off.
 */
const CONTROLLERS = ['garbage-collector-controller', 'namespace-controller'];

/** kube-controller-manager with those controllers, as the cluster admin, on a loopback port of its own. */
export async function startKubeControllerManager(binary: string, workDir: string, adminKubeconfig: string): Promise<ManagedProcess> {
  const port = await freePort();
  const process = startManagedProcess(
    'kube-controller-manager',
    binary,
    [
      `--kubeconfig=${adminKubeconfig}`,
      `--controllers=${CONTROLLERS.join(',')}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${port}`,
      `--cert-dir=${join(workDir, 'controller-manager-certs')}`,
    ],
    { logFile: join(workDir, 'kube-controller-manager.log'), workDir },
  );
  await waitUntilReady(process, () => healthz(port), 60_000);
  return process;
}

/** /healthz is served to anyone; its certificate is a throwaway self-signed one, so it is not verified. */
function healthz(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    request({ host: '127.0.0.1', port, path: '/healthz', rejectUnauthorized: false, timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    })
      .on('error', () => resolve(false))
      .end();
  });
}
