import type { CliErrorCode } from '../errors';

/** The fix for each problem the doctor can find, in a few words. */
export const FIXES: Readonly<Record<CliErrorCode, string>> = {
  NOT_IN_CLUSTER: 'run in a Pod, or set KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT (and INCLUSTER_SERVICE_ACCOUNT_DIR)',
  INVALID_ENVIRONMENT: 'set KUBERNETES_SERVICE_HOST to an IP address or host name, and KUBERNETES_SERVICE_PORT to a port from 1 to 65535',
  SERVICE_ACCOUNT_NOT_MOUNTED:
    'set automountServiceAccountToken: true on the Pod or its ServiceAccount, or point INCLUSTER_SERVICE_ACCOUNT_DIR (or --service-account-dir) at the files',
  UNREADABLE_FILE: "make it a regular file the container's user can read: runAsUser, fsGroup or the volume's defaultMode",
  EMPTY_TOKEN: "check the Pod's projected service-account volume: the kubelet writes the token when the Pod starts",
  INVALID_CERTIFICATE_AUTHORITY: "mount the cluster's current CA bundle, in PEM, as ca.crt",
  INVALID_NAMESPACE: 'set POD_NAMESPACE or the namespace file to a DNS-1123 label: lower-case letters, digits and "-"',
  INVALID_OPTION: 'change the option as the message says',
  TOKEN_EXPIRED: 'the kubelet refreshes projected tokens before they expire: check that the volume is a projected serviceAccountToken and restart the Pod',
  PROBE_FAILED: 'see the problem above',
  USAGE: 'see --help',
  OUTPUT_FILE: 'choose a path in a writable directory',
  INTERNAL: 'report this as a bug',
};
