import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The credential modes of @incluster/core, spelled out here so that the testkit does not depend on the core. */
export type CredentialMode = 'token-file' | 'exec' | 'token-file+exec' | 'embedded';
export const ALL_CREDENTIAL_MODES: readonly CredentialMode[] = ['token-file', 'exec', 'token-file+exec', 'embedded'];

/** Options a producer is given, named as in @incluster/core's LoadOptions; a CLI maps them to its flags. */
export interface ProducerOptions {
  readonly credential?: CredentialMode;
  readonly namespace?: string;
  readonly serviceAccountDir?: string;
  readonly server?: string;
  readonly embedCertificateAuthority?: boolean;
  readonly tlsServerName?: string;
  readonly proxyUrl?: string;
  readonly clusterName?: string;
  readonly userName?: string;
  readonly contextName?: string;
}

export interface ProducerInput {
  /** The Pod's environment: KUBERNETES_SERVICE_HOST/PORT, INCLUSTER_SERVICE_ACCOUNT_DIR, sometimes POD_NAMESPACE. */
  readonly env: Readonly<Record<string, string>>;
  readonly options: ProducerOptions;
}

/**
 * Anything that makes a kubeconfig: the core, the CLI, an adapter. It returns the kubeconfig as YAML or JSON text,
 * or fails with an error whose `code` is one of @incluster/core's error codes.
 */
export type KubeconfigProducer = (input: ProducerInput) => string | Promise<string>;

/** Runs a producer and writes its kubeconfig to a fresh file in `directory`, as a client would find it. */
export async function produceKubeconfigFile(produce: KubeconfigProducer, input: ProducerInput, directory: string): Promise<{ text: string; path: string }> {
  const text = await produce(input);
  const path = join(mkdtempSync(join(directory, 'kubeconfig-')), 'config');
  writeFileSync(path, text, { mode: 0o600 });
  return { text, path };
}

/** The code a producer failed with, or a description of its success, so a failed expectation reads well. */
export async function failureCode(produce: KubeconfigProducer, input: ProducerInput): Promise<string> {
  try {
    await produce(input);
    return 'no error: a kubeconfig was produced';
  } catch (error) {
    return (error as { code?: string }).code ?? `an error without a code: ${(error as Error).message}`;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
