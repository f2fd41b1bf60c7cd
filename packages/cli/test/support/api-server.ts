import { AddressInfo } from 'node:net';
import { createServer } from 'node:https';
import { TestCertificates } from '@incluster/testkit';

/** What the server saw of a request; never the token, only whether it was accepted. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly authenticated: boolean;
}

export interface FakeApiServer {
  readonly port: number;
  readonly requests: readonly SeenRequest[];
  close(): Promise<void>;
}

/**
 * Just enough of the Kubernetes API server for doctor --probe: GET /version and POST a SelfSubjectReview, both for a
 * bearer token that `identify` knows; anything else is 401 or 404, with a Status body as the real server sends.
 */
export async function startFakeApiServer(tls: TestCertificates, identify: (token: string) => string | undefined): Promise<FakeApiServer> {
  const requests: SeenRequest[] = [];
  const server = createServer({ cert: tls.serverCertificate, key: tls.serverKey }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const username = identify(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');
      requests.push({ method: request.method ?? '', path: request.url ?? '', body: text ? JSON.parse(text) : undefined, authenticated: username !== undefined });
      const reply = (status: number, body: object): void => {
        response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      };
      if (username === undefined) {
        return reply(401, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
      }
      if (request.method === 'GET' && request.url === '/version') {
        return reply(200, { major: '1', minor: '35', gitVersion: 'v1.35.0', platform: 'linux/amd64' });
      }
      if (request.method === 'POST' && request.url === '/apis/authentication.k8s.io/v1/selfsubjectreviews') {
        return reply(201, { ...JSON.parse(text), status: { userInfo: { username, groups: ['system:serviceaccounts', 'system:authenticated'] } } });
      }
      return reply(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', code: 404 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
