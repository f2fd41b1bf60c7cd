import { InClusterConfigError } from './errors';
import { FileReader } from './file-reader';
import { NamespaceSource } from './pod-environment';
import { readOptionalServiceAccountFile } from './service-account-files';
import { Environment } from './service-environment';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The Pod's namespace in kubectl's order: $POD_NAMESPACE, else the namespace file (trimmed), else `default`. */
export function discoverNamespace(env: Environment, reader: FileReader, namespacePath: string): { namespace: string; namespaceSource: NamespaceSource } {
  if (env.POD_NAMESPACE) {
    return { namespace: validateNamespace(env.POD_NAMESPACE, 'POD_NAMESPACE'), namespaceSource: 'POD_NAMESPACE' };
  }
  const fromFile = readOptionalServiceAccountFile(reader, namespacePath)?.trim();
  if (fromFile) {
    return { namespace: validateNamespace(fromFile, namespacePath), namespaceSource: 'namespace-file' };
  }
  return { namespace: 'default', namespaceSource: 'default' };
}

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
