import { InClusterConfigError } from './errors';
import { parsePort, validateHost } from './server-address';

export type Environment = Readonly<Record<string, string | undefined>>;

/** The API server's address from KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, as the kubelet sets them. */
export function readServiceAddress(env: Environment): { host: string; port: number } {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (host === undefined && port === undefined) {
    throw new InClusterConfigError(
      'NOT_IN_CLUSTER',
      'KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set, so this process is not running in a Kubernetes Pod. ' +
        'Run it in a Pod, or set both variables (and INCLUSTER_SERVICE_ACCOUNT_DIR) to describe the cluster.',
    );
  }
  const problems = [
    ['KUBERNETES_SERVICE_HOST', host],
    ['KUBERNETES_SERVICE_PORT', port],
  ].flatMap(([name, value]) => (value ? [] : [`${name} is ${value === undefined ? 'not set' : 'empty'}`]));
  if (problems.length > 0) {
    throw new InClusterConfigError(
      'INVALID_ENVIRONMENT',
      problems.length === 1
        ? `${problems[0]} although the other service variable is set. Kubernetes sets both in every Pod: set both, or neither.`
        : `${problems.join(' and ')}. Kubernetes sets both in every Pod: set both to the API server's address and port, or unset both.`,
    );
  }
  return { host: validateHost(host!), port: parsePort(port!) };
}
