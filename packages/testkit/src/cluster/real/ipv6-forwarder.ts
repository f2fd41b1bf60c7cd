import { type Server, type Socket, connect, createServer } from 'node:net';

/**
 * Accepts connections on [::1] and passes their bytes, untouched, to a port on 127.0.0.1. kube-apiserver binds one
 * address; this lets an IPv6 client reach the same server, with TLS end to end between the client and kube-apiserver
 * (whose certificate names ::1).
 */
export interface Ipv6Forwarder {
  readonly port: number;
  close(): Promise<void>;
}

export function forwardIpv6ToLoopback(targetPort: number): Promise<Ipv6Forwarder> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((incoming) => {
    const outgoing = connect(targetPort, '127.0.0.1');
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => {
        incoming.destroy();
        outgoing.destroy();
      });
    }
    incoming.pipe(outgoing).pipe(incoming);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '::1', () => {
      resolve({
        port: (server.address() as { port: number }).port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) {
              socket.destroy();
            }
            server.close(() => done());
          }),
      });
    });
  });
}
