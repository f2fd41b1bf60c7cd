import { reapOrphans } from './process-registry';

/**
 * Jest's globalTeardown for packages that start real clusters: after every test file has ended, any etcd or
 * kube-apiserver still running belongs to a worker that crashed before its afterAll. Say so, and end it.
 */
export default function globalTeardown(): void {
  const reaped = reapOrphans();
  if (reaped > 0) {
    process.stderr.write(`[incluster] ended ${reaped} real-cluster process(es) left by a crashed test worker\n`);
  }
}
