/** Every way incluster can refuse to produce a kubeconfig. The codes are stable: match on them, not on messages. */
export type InClusterErrorCode =
  /** Neither KUBERNETES_SERVICE_HOST nor KUBERNETES_SERVICE_PORT is set: this process is not in a Pod. */
  | 'NOT_IN_CLUSTER'
  /** The service variables are set but wrong: one missing, an empty host, a bad port. */
  | 'INVALID_ENVIRONMENT'
  /** The variables are set but the service-account files are not there. */
  | 'SERVICE_ACCOUNT_NOT_MOUNTED'
  /** A service-account file exists but cannot be read. */
  | 'UNREADABLE_FILE'
  /** The token file is empty. */
  | 'EMPTY_TOKEN'
  /** ca.crt holds no PEM certificate. */
  | 'INVALID_CERTIFICATE_AUTHORITY'
  /** The namespace is not a DNS-1123 label. */
  | 'INVALID_NAMESPACE'
  /** A render option is invalid or asks for data that discovery did not read. */
  | 'INVALID_OPTION';

/**
 * Where a service-account path came from: the caller's option (a directory or a file path it passed),
 * $INCLUSTER_SERVICE_ACCOUNT_DIR, or the kubelet's mount point.
 */
export type PathOrigin = 'option' | 'INCLUSTER_SERVICE_ACCOUNT_DIR' | 'default';

/** The file an error is about, so that a caller can phrase its own advice (a CLI naming the flag that gave the path). */
export interface FileProblem {
  readonly path: string;
  readonly origin: PathOrigin;
  /** Node's error code for the failed access: ENOENT, EACCES, EISDIR (not a regular file)… */
  readonly errno?: string;
}

/** The one error type incluster throws. `message` names what is wrong and how to fix it; it never contains a token. */
export class InClusterConfigError extends Error {
  public readonly code: InClusterErrorCode;
  /** Present when the error is about a service-account file. */
  public readonly file?: FileProblem;

  constructor(code: InClusterErrorCode, message: string, file?: FileProblem) {
    super(message);
    this.name = 'InClusterConfigError';
    this.code = code;
    if (file !== undefined) {
      this.file = file;
    }
    // A printed stack (an unhandled exception in a Pulumi program, say) names the code the way Node names its own:
    // `InClusterConfigError [NOT_IN_CLUSTER]: …`. The name and the message stay as they are.
    this.stack = this.stack?.replace(/^InClusterConfigError:/, `InClusterConfigError [${code}]:`);
  }
}

/** True for an InClusterConfigError, even one thrown by another copy of this package. */
export function isInClusterConfigError(error: unknown): error is InClusterConfigError {
  return error instanceof Error && error.name === 'InClusterConfigError' && typeof (error as InClusterConfigError).code === 'string';
}
