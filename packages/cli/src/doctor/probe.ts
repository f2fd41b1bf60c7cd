import { readFileSync } from 'node:fs';
import { type Environment, type Kubeconfig, type User, nodeFileReader, readServiceAccountToken } from '@incluster/core';
import { type Check, fail, pass, skip } from './check';
import { runExecPlugin } from './exec-plugin';
import { type Endpoint, connectToApiServer } from './probe-transport';

export const PROBE_TIMEOUT_MS = 10_000;

const SELF_SUBJECT_REVIEW_PATH = '/apis/authentication.k8s.io/v1/selfsubjectreviews';

export interface ProbeOptions {
  /** The environment an exec credential plugin runs in. */
  readonly env: Environment;
  readonly timeoutMs?: number;
}

/**
 * Talks to the API server exactly as a client of the kubeconfig would: its server URL, through its proxy-url, trusting
 * its CA (path or data), verifying its tls-server-name, and with the credential its user names: the token file, the
 * embedded token, or the token its exec plugin prints. Asks for the version, then who the token belongs to.
 */
export async function probeApiServer(kubeconfig: Kubeconfig, options: ProbeOptions): Promise<Check[]> {
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const { cluster } = kubeconfig.clusters[0];
  const { user } = kubeconfig.users[0];
  const endpoint: Endpoint = {
    server: new URL(cluster.server),
    ca: certificateAuthority(cluster['certificate-authority'], cluster['certificate-authority-data']),
    servername: cluster['tls-server-name'],
    proxy: cluster['proxy-url'] === undefined ? undefined : new URL(cluster['proxy-url']),
  };
  const credential = await bearerToken(user, options.env, timeoutMs);
  if ('check' in credential) {
    const reason = 'not attempted without a credential';
    return [credential.check, skip('version', 'GET /version', reason), skip('whoami', 'who am I (SelfSubjectReview)', reason)];
  }
  const connection: Connection = { endpoint, token: credential.token, timeoutMs };
  return [...(credential.fromPlugin ?? []), await checkVersion(connection), await checkIdentity(connection)];
}

function certificateAuthority(path: string | undefined, data: string | undefined): string | undefined {
  if (data !== undefined) {
    return Buffer.from(data, 'base64').toString('utf8');
  }
  return path === undefined ? undefined : readFileSync(path, 'utf8');
}

/**
 * The token client-go would send for this user: the token file wins over an embedded token, and either over the exec
 * plugin, which client-go then never runs. Running the plugin is a check of its own: it is where a missing shell shows.
 */
async function bearerToken(user: User, env: Environment, timeoutMs: number): Promise<{ token: string; fromPlugin?: Check[] } | { check: Check }> {
  if (user.tokenFile !== undefined) {
    return { token: readServiceAccountToken(nodeFileReader, user.tokenFile) };
  }
  if (user.token !== undefined || user.exec === undefined) {
    return { token: user.token ?? '' };
  }
  const id = 'exec-credential';
  const title = 'exec credential plugin';
  try {
    const token = await runExecPlugin(user.exec, env, timeoutMs);
    return { token, fromPlugin: [pass(id, title, `${user.exec.command} printed a token`, { apiVersion: user.exec.apiVersion })] };
  } catch (error) {
    const hint =
      user.exec.command === '/bin/sh'
        ? "incluster's exec credential runs /bin/sh: in an image without a shell, use --credential token-file, or the credential command as the plugin"
        : 'run the plugin by hand to see its error';
    return { check: fail(id, title, { code: 'PROBE_FAILED', summary: (error as Error).message, hint }) };
  }
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
  readonly endpoint: Endpoint;
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
  const { endpoint, timeoutMs } = connection;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      new URL(path, endpoint.server),
      {
        method,
        // No agent: the connection is made below (through the proxy, if any), used for one request and closed, so a
        // doctor's two requests never keep the process alive afterwards.
        createConnection: (_options, done) => {
          connectToApiServer(endpoint).then((socket) => done(null, socket), (error: Error) => done(error, undefined as never));
          return undefined;
        },
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
    // One deadline for the whole request, the proxy's part included; the request itself keeps the process alive.
    const deadline = setTimeout(() => outgoing.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })), timeoutMs);
    deadline.unref();
    outgoing.once('close', () => clearTimeout(deadline));
    outgoing.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
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
  const { endpoint } = connection;
  const tls = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|DEPTH_ZERO/.test(error.code ?? '');
  const via = endpoint.proxy === undefined ? '' : ` (through the proxy ${endpoint.proxy.origin})`;
  return {
    code: 'PROBE_FAILED',
    summary: `${endpoint.server.origin}${via}: ${error.message}`,
    hint: tls
      ? `ca.crt does not verify the API server's certificate for ${endpoint.servername ?? endpoint.server.hostname}: mount the cluster's CA bundle, or set --tls-server-name to a name the certificate carries`
      : endpoint.proxy === undefined
        ? 'check that the Pod can reach the API server: its address, NetworkPolicies, and any proxy'
        : 'check --proxy-url, and that the proxy lets the Pod reach the API server',
  };
}
