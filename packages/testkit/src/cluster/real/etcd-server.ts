import { get } from 'node:http';
import { join } from 'node:path';
import { freePort } from './free-port';
import { type ManagedProcess, startManagedProcess, waitUntilReady } from './managed-process';

export interface EtcdServer {
  /** The client URL, for kube-apiserver's --etcd-servers. */
  readonly url: string;
  readonly process: ManagedProcess;
}

/** A single-member etcd on loopback ports, its data in `workDir`, without fsync (a test's data need not survive). */
export async function startEtcd(binary: string, workDir: string): Promise<EtcdServer> {
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const process = startManagedProcess(
    'etcd',
    binary,
    [
      '--name=incluster',
      `--data-dir=${join(workDir, 'etcd')}`,
      `--listen-client-urls=${url}`,
      `--advertise-client-urls=${url}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=incluster=${peer}`,
      '--unsafe-no-fsync',
      '--log-level=warn',
    ],
    { logFile: join(workDir, 'etcd.log'), workDir },
  );
  await waitUntilReady(process, () => healthy(`${url}/health`), 30_000);
  return { url, process };
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    get(url, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(response.statusCode === 200 && body.includes('"health":"true"')));
    }).on('error', () => resolve(false));
  });
}
