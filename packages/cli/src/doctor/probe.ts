import { readFileSync } from 'node:fs';
import { Kubeconfig, nodeFileReader, readServiceAccountToken } from '@incluster/core';
import { Check, fail, pass } from './check';

export const PROBE_TIMEOUT_MS = 10_000;

const SELF_SUBJECT_REVIEW_PATH = '/apis/authentication.k8s.io/v1/selfsubjectreviews';

/**
 * Talks to the API server the way a client of the kubeconfig would: its server URL, its CA file, its TLS server name
 * and the token read from its token file. Asks for the version, then who the token belongs to.
 */
export async function probeApiServer(kubeconfig: Kubeconfig, timeoutMs: number = PROBE_TIMEOUT_MS): Promise<Check[]> {
  const { cluster } = kubeconfig.clusters[0];
  const { tokenFile } = kubeconfig.users[0].user;
  if (tokenFile === undefined) {
    throw new Error('the probe needs a kubeconfig with the token-file credential');
  }
  const connection: Connection = {
    server: cluster.server,
    ca: cluster['certificate-authority'] === undefined ? undefined : readFileSync(cluster['certificate-authority'], 'utf8'),
    servername: cluster['tls-server-name'],
    token: readServiceAccountToken(nodeFileReader, tokenFile),
    timeoutMs,
  };
  return [await checkVersion(connection), await checkIdentity(connection)];
}

async function checkVersion(connection: Connection): Promise<Check> {
  const id = 'version';
  const title = 'GET /version';
  try {
    const response = await call(connection, 'GET', '/version');
    if (response.status !== 200) {
      return fail(id, title, httpProblem(response));
    }
    const version = response.body as { gitVersion?: string; platform?: string };
    return pass(id, title, version.gitVersion ?? 'answered', version.platform ? { platform: version.platform } : {});
  } catch (error) {
    return fail(id, title, connectionProblem(error as NodeJS.ErrnoException, connection));
  }
}

async function checkIdentity(connection: Connection): Promise<Check> {
  const id = 'whoami';
  const title = 'who am I (SelfSubjectReview)';
  try {
    const response = await call(connection, 'POST', SELF_SUBJECT_REVIEW_PATH, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    if (response.status !== 200 && response.status !== 201) {
      return fail(id, title, httpProblem(response));
    }
    const userInfo = (response.body as { status?: { userInfo?: { username?: string; groups?: string[] } } }).status?.userInfo;
    return pass(id, title, userInfo?.username ?? '(no username in the answer)', userInfo?.groups ? { groups: userInfo.groups.join(', ') } : {});
  } catch (error) {
    return fail(id, title, connectionProblem(error as NodeJS.ErrnoException, connection));
  }
}

interface Connection {
  readonly server: string;
  /** PEM; undefined trusts Node's default CAs, as a kubeconfig without a CA would. */
  readonly ca: string | undefined;
  readonly servername: string | undefined;
  readonly token: string;
  readonly timeoutMs: number;
}

interface Response {
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
}

async function call(connection: Connection, method: 'GET' | 'POST', path: string, body?: object): Promise<Response> {
  // Loaded here, not at the top: node:https (and tls beneath it) costs every run of the binary a few milliseconds
  // to load, and only `doctor --probe` needs it (docs/performance.md).
  const { request } = await import('node:https');
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      new URL(path, connection.server),
      {
        method,
        ca: connection.ca,
        servername: connection.servername,
        // No pooled connections: a doctor makes two requests and must not keep the process alive afterwards.
        agent: false,
        timeout: connection.timeoutMs,
        headers: {
          Accept: 'application/json',
          Authorization: `Bearer ${connection.token}`,
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
        },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => resolve({ path, status: incoming.statusCode ?? 0, body: parseJson(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error(`no answer within ${connection.timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })));
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const HTTP_HINTS: Readonly<Record<number, string>> = {
  401: 'the API server refused the token: it may have expired or been revoked, or be meant for another audience; check the token check above and the projected volume',
  403: 'the service account may not do this: grant it access with RBAC',
  404: 'this API server does not serve it: SelfSubjectReview in authentication.k8s.io/v1 needs Kubernetes 1.28 or later',
};

function httpProblem(response: Response): { code: 'PROBE_FAILED'; summary: string; hint: string } {
  const message = (response.body as { message?: unknown } | undefined)?.message;
  return {
    code: 'PROBE_FAILED',
    summary: `HTTP ${response.status}${typeof message === 'string' ? `: ${message}` : ''}`,
    hint: HTTP_HINTS[response.status] ?? `the API server answered ${response.path} with HTTP ${response.status}`,
  };
}

function connectionProblem(error: NodeJS.ErrnoException, connection: Connection): { code: 'PROBE_FAILED'; summary: string; hint: string } {
  const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|DEPTH_ZERO/.test(error.code ?? '');
  return {
    code: 'PROBE_FAILED',
    summary: `${connection.server}: ${error.message}`,
    hint: tls
      ? "ca.crt does not verify the API server's certificate for this address: mount the cluster's CA bundle, or set the right server name"
      : 'check that the Pod can reach the API server: its address, NetworkPolicies, and any proxy',
  };
}
