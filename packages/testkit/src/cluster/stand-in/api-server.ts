import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { isIPv6 } from 'node:net';
import type { TestCertificates } from '../certificates';
import type { ServiceAccountIdentity, TokenAuthority } from '../../pod/token-authority';

export interface ApiServerOptions {
  readonly tls: TestCertificates;
  readonly authority: TokenAuthority;
  /** Default `127.0.0.1`; `::1` works where the machine has IPv6 loopback (see hasIpv6Loopback). */
  readonly host?: string;
  /** Default 0: an ephemeral port. */
  readonly port?: number;
}

/** What the server saw of one request. The token itself is never kept, only its tag. */
export interface RecordedRequest {
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  /** tokenTag() of the bearer token sent, or undefined when there was none. */
  readonly tokenTag: string | undefined;
  readonly status: number;
}

/** A running HTTPS stand-in for the Kubernetes API server. */
export interface ApiServer {
  readonly host: string;
  readonly port: number;
  /** `https://host:port`, with an IPv6 host in brackets. */
  readonly url: string;
  /** Every request, in arrival order, including the rejected ones. */
  readonly requests: readonly RecordedRequest[];
  /** Seeds a ConfigMap the server then lists and gets; replaces one with the same namespace and name. */
  addConfigMap(namespace: string, name: string, data: Readonly<Record<string, string>>): void;
  /** Stops listening and drops open connections, so keep-alive clients cannot hold it open. */
  close(): Promise<void>;
}

/** A short, non-reversible tag that tells tokens apart in recorded requests without revealing them. */
export function tokenTag(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 8);
}

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const host = options.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  const configMaps = new ConfigMapStore();

  const server = createServer({ cert: options.tls.serverCertificate, key: options.tls.serverKey }, (request, response) => {
    handle(request, response, options.authority, configMaps, requests);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error(`expected a TCP address, got ${String(address)}`);
  }

  return {
    host,
    port: address.port,
    url: `https://${isIPv6(host) ? `[${host}]` : host}:${address.port}`,
    requests,
    addConfigMap: (namespace, name, data) => configMaps.add(namespace, name, data),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Large enough for any real request; the cap only keeps a hostile body from filling memory. */
const MAX_BODY_BYTES = 1024 * 1024;

interface Reply {
  readonly status: number;
  readonly body: unknown;
}

function handle(
  request: IncomingMessage,
  response: ServerResponse,
  authority: TokenAuthority,
  configMaps: ConfigMapStore,
  requests: RecordedRequest[],
): void {
  const method = request.method ?? '';
  const path = (request.url ?? '').split('?', 1)[0]!;
  const segments = decodedSegments(path);
  const token = bearerToken(request.headers.authorization);
  const send = (reply: Reply): void => {
    requests.push({ method, path, tokenTag: token && tokenTag(token), status: reply.status });
    response.writeHead(reply.status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(reply.body));
  };

  // The request body is never needed, only drained; reading it first lets an oversized one be refused.
  drainBody(request, (tooLarge) => {
    if (tooLarge) {
      response.setHeader('Connection', 'close');
      return send(status(413, 'RequestEntityTooLarge', 'the request body is too large'));
    }
    try {
      // The real API server answers /version and discovery anonymously. This one requires a valid token for every
      // path, so that tests can see which token a client sent on each request.
      const identity = token === undefined ? undefined : authority.identify(token);
      if (identity === undefined) {
        return send(status(401, 'Unauthorized', 'Unauthorized'));
      }
      if (segments === undefined) {
        return send(status(400, 'BadRequest', 'malformed request path'));
      }
      return send(route(method, segments, request.headers['content-type'], identity, configMaps));
    } catch {
      // A throwing authority must not take the process down with it.
      return send(status(500, 'InternalError', 'the stand-in API server failed'));
    }
  });
}

function route(
  method: string,
  segments: readonly string[],
  contentType: string | undefined,
  identity: ServiceAccountIdentity,
  configMaps: ConfigMapStore,
): Reply {
  const joined = segments.join('/');

  if (method === 'POST' && joined === 'apis/authentication.k8s.io/v1/selfsubjectreviews') {
    return isAcceptedContentType(contentType)
      ? { status: 201, body: selfSubjectReview(identity) }
      : status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format: ${contentType}`);
  }
  if (method !== 'GET') {
    return notFound();
  }
  switch (joined) {
    case 'version':
      return ok(VERSION_INFO);
    case 'api':
      return ok(API_VERSIONS);
    case 'apis':
      return ok(API_GROUP_LIST);
    case 'api/v1':
      return ok(CORE_V1_RESOURCES);
    case 'apis/authentication.k8s.io/v1':
      return ok(AUTHENTICATION_V1_RESOURCES);
  }
  // api/v1/namespaces/{namespace}[/configmaps[/{name}]]
  const [api, v1, namespaces, namespace, configmaps, name, ...rest] = segments;
  if (api !== 'api' || v1 !== 'v1' || namespaces !== 'namespaces' || namespace === undefined || rest.length > 0) {
    return notFound();
  }
  if (configmaps === undefined) {
    // kubectl asks for the namespace after a NotFound, to say which of the two is missing.
    return configMaps.hasNamespace(namespace)
      ? ok({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: namespace }, status: { phase: 'Active' } })
      : status(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace, kind: 'namespaces' });
  }
  if (configmaps !== 'configmaps') {
    return notFound();
  }
  if (name === undefined) {
    return ok(configMaps.list(namespace));
  }
  const configMap = configMaps.get(namespace, name);
  return configMap
    ? ok(configMap)
    : status(404, 'NotFound', `configmaps "${name}" not found`, { name, kind: 'configmaps' });
}

/** The non-empty path segments, each percent-decoded, or undefined when one cannot be decoded. */
function decodedSegments(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((segment) => segment !== '')
      .map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

/** kubectl may send JSON or protobuf; the body is not read, but a body in another format is refused as the real server would. */
function isAcceptedContentType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  return ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml'].includes(mediaType);
}

function drainBody(request: IncomingMessage, done: (tooLarge: boolean) => void): void {
  let bytes = 0;
  let finished = false;
  const finish = (tooLarge: boolean): void => {
    if (!finished) {
      finished = true;
      done(tooLarge);
    }
  };
  request.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > MAX_BODY_BYTES) {
      request.pause();
      finish(true);
    }
  });
  request.on('end', () => finish(false));
  // A client that hangs up mid-body gets no answer; without this listener the error would crash the process.
  request.on('error', () => undefined);
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function notFound(): Reply {
  return status(404, 'NotFound', 'the server could not find the requested resource');
}

function status(code: number, reason: string, message: string, details?: Record<string, string>): Reply {
  return {
    status: code,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details && { details }),
      code,
    },
  };
}

function selfSubjectReview(identity: ServiceAccountIdentity): unknown {
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    status: {
      userInfo: { username: identity.username, uid: identity.uid, groups: [...identity.groups] },
    },
  };
}

/** Every field of client-go's version.Info, as a v1.35.0 server reports them. */
const VERSION_INFO = {
  major: '1',
  minor: '35',
  emulationMajor: '1',
  emulationMinor: '35',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '34',
  gitVersion: 'v1.35.0',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-12-17T00:00:00Z',
  goVersion: 'go1.25.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/*
 * Discovery is served in the legacy (unaggregated) form only. kubectl asks for aggregated discovery
 * (apidiscovery.k8s.io/v2) in its Accept header and falls back to these documents when the answer is plain JSON.
 */
const API_VERSIONS = {
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: 'kubernetes.default.svc:443' }],
};

const API_GROUP_LIST = {
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: [
    {
      name: 'authentication.k8s.io',
      versions: [{ groupVersion: 'authentication.k8s.io/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'authentication.k8s.io/v1', version: 'v1' },
    },
  ],
};

const CORE_V1_RESOURCES = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'v1',
  resources: [
    {
      name: 'configmaps',
      singularName: 'configmap',
      namespaced: true,
      kind: 'ConfigMap',
      verbs: ['get', 'list'],
      shortNames: ['cm'],
    },
    { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['get'], shortNames: ['ns'] },
  ],
};

const AUTHENTICATION_V1_RESOURCES = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'authentication.k8s.io/v1',
  resources: [
    { name: 'selfsubjectreviews', singularName: 'selfsubjectreview', namespaced: false, kind: 'SelfSubjectReview', verbs: ['create'] },
  ],
};

/** A ConfigMap as it appears in a list; a single get adds kind and apiVersion. */
interface ConfigMap {
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly uid: string;
    readonly resourceVersion: string;
    readonly creationTimestamp: string;
  };
  readonly data: Readonly<Record<string, string>>;
}

class ConfigMapStore {
  private readonly byKey = new Map<string, ConfigMap>();
  private lastResourceVersion = 0;

  add(namespace: string, name: string, data: Readonly<Record<string, string>>): void {
    this.lastResourceVersion += 1;
    this.byKey.set(`${namespace}/${name}`, {
      metadata: {
        name,
        namespace,
        uid: randomUUID(),
        resourceVersion: String(this.lastResourceVersion),
        // Kubernetes timestamps are RFC 3339 with whole seconds.
        creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
      data: { ...data },
    });
  }

  /** A namespace exists here when it holds a config map. */
  hasNamespace(namespace: string): boolean {
    return [...this.byKey.values()].some((configMap) => configMap.metadata.namespace === namespace);
  }

  get(namespace: string, name: string): unknown {
    const configMap = this.byKey.get(`${namespace}/${name}`);
    return configMap && { kind: 'ConfigMap', apiVersion: 'v1', ...configMap };
  }

  list(namespace: string): unknown {
    return {
      kind: 'ConfigMapList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '1' },
      items: [...this.byKey.values()]
        .filter((configMap) => configMap.metadata.namespace === namespace)
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)),
    };
  }
}
