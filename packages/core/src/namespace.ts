import { InClusterConfigError, type PathOrigin } from './errors';
import type { FileReader } from './file-reader';
import type { NamespaceSource } from './pod-environment';
import { readOptionalServiceAccountFile } from './service-account-files';
import type { Environment } from './service-environment';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The Pod's namespace in kubectl's order: $POD_NAMESPACE, else the namespace file (trimmed), else `default`. */
export function discoverNamespace(
  env: Environment,
  reader: FileReader,
  namespacePath: string,
  origin: PathOrigin = 'default',
): { namespace: string; namespaceSource: NamespaceSource } {
  if (env.POD_NAMESPACE) {
    return { namespace: validateNamespace(env.POD_NAMESPACE, 'POD_NAMESPACE'), namespaceSource: 'POD_NAMESPACE' };
  }
  const fromFile = readOptionalServiceAccountFile(reader, namespacePath, origin)?.trim();
  if (fromFile) {
    return { namespace: validateNamespace(fromFile, namespacePath), namespaceSource: 'namespace-file' };
  }
  return { namespace: 'default', namespaceSource: 'default' };
}

export const DNS_1123_LABEL_RULE = 'use at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit';

export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && DNS_1123_LABEL.test(name);
}

/** Checks a namespace the caller chose: a wrong one is the caller's mistake, INVALID_OPTION, whatever the Pod holds. */
export function validateNamespaceOption(namespace: string): string {
  if (!isDns1123Label(namespace)) {
    throw new InClusterConfigError('INVALID_OPTION', `The namespace option ${JSON.stringify(namespace)} is not a valid DNS-1123 label: ${DNS_1123_LABEL_RULE}.`);
  }
  return namespace;
}

/** Checks that the Pod's namespace is a DNS-1123 label, as the API server requires; `origin` says where it came from. */
export function validateNamespace(namespace: string, origin: string): string {
  if (!isDns1123Label(namespace)) {
    throw new InClusterConfigError(
      'INVALID_NAMESPACE',
      `The namespace ${JSON.stringify(namespace)} from ${origin} is not a valid DNS-1123 label: ${DNS_1123_LABEL_RULE}.`,
    );
  }
  return namespace;
}
