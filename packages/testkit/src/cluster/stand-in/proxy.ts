import { type IncomingMessage, createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type Server, type Socket, connect, createServer as createTcpServer } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TestCertificates } from '../certificates';

/** The proxies a kubeconfig's proxy-url may name, as client-go supports them. */
export type ProxyProtocol = 'http' | 'https' | 'socks5';

export interface ProxyOptions {
  readonly protocol: ProxyProtocol;
  /** For https: the certificate it serves (the test server certificate, valid for 127.0.0.1 and localhost). */
  readonly tls?: TestCertificates;
  /** When set, the proxy demands them: Basic Proxy-Authorization for http(s), username/password (RFC 1929) for socks5. */
  readonly credentials?: { readonly username: string; readonly password: string };
}

/** A running stand-in proxy on 127.0.0.1. */
export interface Proxy {
  /** The proxy-url for a kubeconfig, with the credentials in it when the proxy demands them. */
  readonly url: string;
  /** `host:port` of every tunnel it opened, in order: proof that a client went through it. */
  readonly tunnels: readonly string[];
  /** Attempts it refused, such as wrong credentials. */
  readonly refused: number;
  close(): Promise<void>;
}

/**
 * A forwarding proxy that tunnels TCP to wherever the client asks, as the proxies between a Pod and its API server do:
 * HTTP CONNECT (over TLS for https), or SOCKS5 CONNECT (RFC 1928). It never looks inside the tunnel, so the TLS to the
 * API server stays end to end. Real kubectl goes through each kind (test/proxy.test.ts), so what passes through it is
 * what client-go does.
 */
export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  const tunnels: string[] = [];
  const state = { refused: 0 };
  const open = (host: string, port: number, client: Duplex, ready: () => void): void => {
    const upstream = connect(port, host, () => {
      tunnels.push(`${host.includes(':') ? `[${host}]` : host}:${port}`);
      ready();
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  };

  const server: Server =
    options.protocol === 'socks5'
      ? createTcpServer((client) => void socks5Handshake(client, options.credentials, state, open))
      : httpConnectProxy(options, state, open);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  const userinfo = options.credentials ? `${encodeURIComponent(options.credentials.username)}:${encodeURIComponent(options.credentials.password)}@` : '';
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    url: `${options.protocol}://${userinfo}127.0.0.1:${port}`,
    tunnels,
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) {
          socket.destroy();
        }
      }),
  };
}

type Opener = (host: string, port: number, client: Duplex, ready: () => void) => void;

function httpConnectProxy(options: ProxyOptions, state: { refused: number }, open: Opener): Server {
  const refuseRequests = (_request: IncomingMessage, response: import('node:http').ServerResponse) => response.writeHead(405).end();
  const server =
    options.protocol === 'https'
      ? createHttpsServer({ cert: requireTls(options).serverCertificate, key: requireTls(options).serverKey }, refuseRequests)
      : createHttpServer(refuseRequests);
  server.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => {
    const expected = options.credentials && `Basic ${Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64')}`;
    if (expected !== undefined && request.headers['proxy-authorization'] !== expected) {
      state.refused++;
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="incluster"\r\n\r\n');
      return;
    }
    const target = /^\[?([^\]]+?)\]?:(\d+)$/.exec(request.url ?? '');
    if (target === null) {
      state.refused++;
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    open(target[1], Number(target[2]), client, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      client.unshift(head);
    });
  });
  return server;
}

function requireTls(options: ProxyOptions): TestCertificates {
  if (options.tls === undefined) {
    throw new Error('an https proxy needs tls: the certificate it serves');
  }
  return options.tls;
}

/** The server side of RFC 1928 (no authentication, or RFC 1929 username/password when credentials are set), CONNECT only. */
async function socks5Handshake(
  client: Socket,
  credentials: ProxyOptions['credentials'],
  state: { refused: number },
  open: Opener,
): Promise<void> {
  const read = byteReader(client);
  try {
    const [version, methodCount] = await read(2);
    const methods = [...(await read(methodCount))];
    const method = credentials ? 0x02 : 0x00;
    if (version !== 5 || !methods.includes(method)) {
      state.refused++;
      client.end(Buffer.from([5, 0xff]));
      return;
    }
    client.write(Buffer.from([5, method]));
    if (credentials) {
      const [, userLength] = await read(2);
      const username = (await read(userLength)).toString('utf8');
      const [passwordLength] = await read(1);
      const password = (await read(passwordLength)).toString('utf8');
      const accepted = username === credentials.username && password === credentials.password;
      client.write(Buffer.from([1, accepted ? 0 : 1]));
      if (!accepted) {
        state.refused++;
        client.end();
        return;
      }
    }
    const [, command, , addressType] = await read(4);
    const host =
      addressType === 1
        ? [...(await read(4))].join('.')
        : addressType === 4
          ? ((await read(16)).toString('hex').match(/.{4}/g) ?? []).join(':')
          : (await read((await read(1))[0])).toString('utf8');
    const port = (await read(2)).readUInt16BE(0);
    if (command !== 1) {
      state.refused++;
      client.end(Buffer.from([5, 7, 0, 1, 0, 0, 0, 0, 0, 0]));
      return;
    }
    read.release();
    open(host, port, client, () => client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0])));
  } catch {
    client.destroy();
  }
}

/** Reads exact byte counts from a socket; release() hands whatever is left back to the socket for piping. */
function byteReader(socket: Socket): ((count: number) => Promise<Buffer>) & { release(): void } {
  let buffered = Buffer.alloc(0);
  let waiting: { count: number; resolve: (bytes: Buffer) => void; reject: (error: Error) => void } | undefined;
  const serve = () => {
    if (waiting && buffered.length >= waiting.count) {
      const { count, resolve } = waiting;
      waiting = undefined;
      const bytes = buffered.subarray(0, count);
      buffered = buffered.subarray(count);
      resolve(bytes);
    }
  };
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    serve();
  };
  const onEnd = () => waiting?.reject(new Error('the client closed the connection during the handshake'));
  socket.on('data', onData);
  socket.on('end', onEnd);
  const read = (count: number) =>
    new Promise<Buffer>((resolve, reject) => {
      waiting = { count, resolve, reject };
      serve();
    });
  return Object.assign(read, {
    release: () => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.pause();
      if (buffered.length > 0) {
        socket.unshift(buffered);
      }
    },
  });
}
