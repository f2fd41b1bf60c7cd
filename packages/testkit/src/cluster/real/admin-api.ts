import { request } from 'node:https';

/** How the cluster admin reaches the API server: its URL, the CA that signed it, and a system:masters certificate. */
export interface AdminCredentials {
  readonly url: string;
  readonly caCertificate: string;
  readonly clientCertificate: string;
  readonly clientKey: string;
}

/** The answer to one call: its status and its body, parsed as JSON when it is JSON (`Body` is the shape the caller expects). */
export interface ApiReply<Body = unknown> {
  readonly status: number;
  readonly body: Body;
}

/** One REST call to the API server, as the admin or, with `token`, as whoever holds it. */
export function callApi<Body = unknown>(credentials: AdminCredentials, method: string, path: string, options: { body?: unknown; token?: string } = {}): Promise<ApiReply<Body>> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const call = request(
      new URL(path, credentials.url),
      {
        method,
        ca: credentials.caCertificate,
        ...(options.token === undefined ? { cert: credentials.clientCertificate, key: credentials.clientKey } : {}),
        headers: {
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(options.token === undefined ? {} : { Authorization: `Bearer ${options.token}` }),
        },
        timeout: 20_000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // Not JSON (readyz answers "ok"): keep the text.
          }
          resolve({ status: response.statusCode ?? 0, body: body as Body });
        });
      },
    );
    call.on('timeout', () => call.destroy(new Error(`${method} ${path} timed out`)));
    call.on('error', reject);
    call.end(payload);
  });
}

/**
 * A call that must succeed (2xx), or that may find the object already there (409) when `existing` is 'ok'; then it
 * gives undefined. `Body` is the shape the caller expects of the reply's body.
 */
export async function mustCallApi<Body = unknown>(credentials: AdminCredentials, method: string, path: string, body?: unknown, existing?: 'fail'): Promise<Body>;
export async function mustCallApi<Body = unknown>(credentials: AdminCredentials, method: string, path: string, body: unknown, existing: 'ok'): Promise<Body | undefined>;
export async function mustCallApi<Body>(credentials: AdminCredentials, method: string, path: string, body?: unknown, existing: 'ok' | 'fail' = 'fail'): Promise<Body | undefined> {
  const reply = await callApi<Body>(credentials, method, path, { body });
  if (reply.status >= 200 && reply.status < 300) {
    return reply.body;
  }
  if (reply.status === 409 && existing === 'ok') {
    return undefined;
  }
  const message = typeof reply.body === 'object' ? (reply.body as { message?: unknown } | null)?.message : reply.body;
  throw new Error(`the real API server answered ${method} ${path} with ${reply.status}: ${message}`);
}
