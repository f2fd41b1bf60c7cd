import { type ClusterOptions, type CredentialMode, type Environment, loadInClusterKubeconfig, serviceAccountPaths, validateRenderOptions } from '@incluster/core';
import { type Check, skip } from './check';
import { pathFlag } from '../path-flag';
import { checkCertificateAuthority } from './certificate-authority-check';
import type { CheckedFile } from './failing-on-core-error';
import { checkApiServerAddress, checkNamespace, checkToken } from './pod-checks';
import { probeApiServer } from './probe';

export interface DiagnoseOptions {
  readonly env: Environment;
  readonly now: Date;
  readonly serviceAccountDir?: string;
  /** Then talk to the API server. */
  readonly probe?: boolean;
  /** The options of the kubeconfig to probe with, as render would be given them (@incluster/core's names). */
  readonly kubeconfig?: ClusterOptions & { readonly credential?: CredentialMode };
  readonly probeTimeoutMs?: number;
}

/** Every check of the Pod environment, each judged on its own so that one problem does not hide the next. */
export async function diagnose(options: DiagnoseOptions): Promise<Check[]> {
  // A wrong option is the caller's mistake (INVALID_OPTION), whatever state the Pod is in.
  validateRenderOptions(options.kubeconfig ?? {});
  const paths = serviceAccountPaths(options.env, options.serviceAccountDir);
  const file = (path: string): CheckedFile => ({ path, origin: paths.origin, given: pathFlag(options) });
  const checks = [
    checkApiServerAddress(options.env),
    checkToken(file(paths.tokenPath), options.now),
    checkCertificateAuthority(file(paths.certificateAuthorityPath), options.now),
    checkNamespace(options.env, file(paths.namespacePath)),
  ];
  if (!options.probe) {
    return checks;
  }
  if (checks.some((check) => check.status === 'fail')) {
    const reason = 'not attempted until the checks above pass';
    return [...checks, skip('version', 'GET /version', reason), skip('whoami', 'who am I (SelfSubjectReview)', reason)];
  }
  const kubeconfig = loadInClusterKubeconfig({ ...options.kubeconfig, env: options.env, serviceAccountDir: paths.dir });
  return [...checks, ...(await probeApiServer(kubeconfig, { env: options.env, timeoutMs: options.probeTimeoutMs }))];
}
