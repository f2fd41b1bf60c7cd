import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** Where and how the probe reaches the API server: what a client takes from the kubeconfig's cluster entry. */
export interface Endpoint {
  readonly server: URL;
  /** PEM; undefined trusts Node's default CAs, as a kubeconfig without a CA would. */
  readonly ca: string | undefined;
  /** tls-server-name: the name the server's certificate is verified against, instead of the server's host. */
  readonly servername: string | undefined;
  /** proxy-url: http, https or socks5. */
  readonly proxy: URL | undefined;
}

/** The port a URL means when it names none, as Go's net/http takes it for servers and proxies. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'https:': 443, 'http:': 80, 'socks5:': 1080 };

/** A URL's host without IPv6 brackets, and its port, as sockets want them. */
export function hostAndPort(url: URL): { host: string; port: number } {
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || DEFAULT_PORTS[url.protocol]) };
}

/**
 * A TLS connection to the API server, through the proxy when there is one, verified as client-go verifies it: against
 * the kubeconfig's CA, for tls-server-name when it is set, else for the server's host. Node modules load on first use:
 * only doctor --probe needs them (docs/performance.md).
 */
export async function connectToApiServer(endpoint: Endpoint): Promise<TLSSocket> {
  const { connect } = await import('node:tls');
  const target = hostAndPort(endpoint.server);
  const tunnel = endpoint.proxy === undefined ? undefined : await openTunnel(endpoint.proxy, target, endpoint);
  return connect({
    ...(tunnel === undefined ? target : { socket: tunnel, host: target.host }),
    ca: endpoint.ca,
    servername: endpoint.servername ?? serverNameFor(target.host),
    ALPNProtocols: ['http/1.1'],
  });
}

/** SNI carries host names only; Node verifies an IP address against the certificate's IP SANs without it. */
function serverNameFor(host: string): string | undefined {
  return /^[\d.]+$|:/.test(host) ? undefined : host;
}

/** A socket to the API server's address through the proxy, which then carries the TLS connection. */
async function openTunnel(proxy: URL, target: { host: string; port: number }, endpoint: Endpoint): Promise<Socket> {
  if (proxy.protocol === 'socks5:') {
    const { SocksClient } = await import('socks');
    const { socket } = await SocksClient.createConnection({
      command: 'connect',
      // The host name goes to the proxy, which resolves it, as Go's socks5 dialer does.
      destination: target,
      proxy: {
        ...hostAndPort(proxy),
        type: 5,
        ...(proxy.username === '' ? {} : { userId: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) }),
      },
    });
    return socket;
  }
  return httpConnectTunnel(proxy, target, endpoint);
}

/**
 * HTTP CONNECT, over TLS for an https proxy. Go's net/http, beneath client-go, handshakes with an https proxy using the
 * same TLS settings as for the API server: the kubeconfig's CA, and tls-server-name when it is set, so the probe does
 * too.
 */
async function httpConnectTunnel(proxy: URL, target: { host: string; port: number }, endpoint: Endpoint): Promise<Socket> {
  const authority = target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
  const headers: Record<string, string> = { Host: authority };
  if (proxy.username !== '') {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['Proxy-Authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  const { request } = proxy.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const proxyHost = hostAndPort(proxy);
  return new Promise((resolve, reject) => {
    const connecting = request({
      ...proxyHost,
      method: 'CONNECT',
      path: authority,
      headers,
      agent: false,
      ...(proxy.protocol === 'https:' ? { ca: endpoint.ca, servername: endpoint.servername ?? serverNameFor(proxyHost.host) } : {}),
    });
    connecting.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(Object.assign(new Error(`the proxy ${proxy.origin} answered CONNECT ${authority} with HTTP ${response.statusCode}`), { code: 'EPROXY' }));
        return;
      }
      resolve(socket);
    });
    connecting.once('error', reject);
    connecting.end();
  });
}
