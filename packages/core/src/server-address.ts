import { isIPv4, isIPv6 } from './ip-address';
import { InClusterConfigError } from './errors';

const HOST_NAME_LABEL = /^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?$/;

/** `https://` + host:port, bracketing IPv6 exactly as Go's net.JoinHostPort does, like rest.InClusterConfig(). */
export function serverUrl(host: string, port: number): string {
  return `https://${joinHostPort(validateHost(host), validatePort(port))}`;
}

export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Accepts an IPv4 address, an IPv6 address (no zone) or a DNS host name or FQDN (a trailing dot is allowed). */
export function validateHost(host: string): string {
  // A zone (fe80::1%eth0) would need escaping in a URL; the service host never has one.
  if (isIPv4(host) || (isIPv6(host) && !host.includes('%')) || isHostName(host)) {
    return host;
  }
  throw new InClusterConfigError(
    'INVALID_ENVIRONMENT',
    `KUBERNETES_SERVICE_HOST ${JSON.stringify(host)} is not an IP address or a host name. ` +
      'Kubernetes sets it in every Pod; if you set it yourself, give the API server address without scheme or port.',
  );
}

/** Parses a port the way the environment gives it: decimal digits only, 1 to 65535. */
export function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  return validatePort(port, text);
}

export function validatePort(port: number, text: string = String(port)): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InClusterConfigError(
      'INVALID_ENVIRONMENT',
      `KUBERNETES_SERVICE_PORT ${JSON.stringify(text)} is not a port number: it must be a whole number from 1 to 65535.`,
    );
  }
  return port;
}

function isHostName(host: string): boolean {
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => label.length <= 63 && HOST_NAME_LABEL.test(label));
}
