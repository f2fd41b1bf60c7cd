import { InClusterConfigError } from './errors';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Checks that a namespace is a DNS-1123 label, as the API server requires; `origin` says where it came from. */
export function validateNamespace(namespace: string, origin: string): string {
  if (namespace.length > 63 || !DNS_1123_LABEL.test(namespace)) {
    throw new InClusterConfigError(
      'INVALID_NAMESPACE',
      `The namespace ${JSON.stringify(namespace)} from ${origin} is not a valid DNS-1123 label: ` +
        'use at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit.',
    );
  }
  return namespace;
}
