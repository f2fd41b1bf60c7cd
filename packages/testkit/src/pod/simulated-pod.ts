import { randomUUID } from 'node:crypto';
import { issueServiceAccountToken } from './service-account-token';
import { type ServiceAccountFile, ServiceAccountVolume } from './service-account-volume';
import type { ServiceAccountIdentity, TokenAuthority } from './token-authority';

export { SERVICE_ACCOUNT_FILES, ServiceAccountFile } from './service-account-volume';

export interface SimulatedPodOptions {
  /** PEM of the CA that signed the API server's certificate, written as ca.crt. */
  readonly certificateAuthority: string;
  /** Written to the namespace file; default `team-a`. */
  readonly namespace?: string;
  /** The service account's name; default `deployer`. */
  readonly serviceAccount?: string;
  /** The `exp` claim of each token, counted from its issue; default 3607 s, the kubelet's default. A negative one issues expired tokens. */
  readonly tokenLifetimeSeconds?: number;
  /** When the kubelet issues and writes; default the real time. Pin it for exact `iat` and `exp` claims. */
  readonly clock?: () => Date;
}

/**
 * A Pod's service-account volume (ServiceAccountVolume: the kubelet's layout on real disk) filled with tokens this
 * Pod issues itself. It is also the TokenAuthority of the stand-in API server: every token it issued is valid until
 * revoked, as a projected token stays valid after rotation until it expires.
 */
export class SimulatedPod implements TokenAuthority {
  /** The directory to use as INCLUSTER_SERVICE_ACCOUNT_DIR: the Pod's /var/run/secrets/kubernetes.io/serviceaccount. */
  public readonly serviceAccountDir: string;
  public readonly tokenPath: string;
  public readonly certificateAuthorityPath: string;
  /** The Pod's namespace, as its tokens and identity name it; write('namespace', …) changes only the file. */
  public readonly namespace: string;
  public readonly identity: ServiceAccountIdentity;
  private readonly valid = new Set<string>();
  private readonly issued: string[] = [];
  private readonly volume: ServiceAccountVolume;

  constructor(private readonly options: SimulatedPodOptions) {
    this.namespace = options.namespace ?? 'team-a';
    const name = options.serviceAccount ?? 'deployer';
    this.identity = {
      username: `system:serviceaccount:${this.namespace}:${name}`,
      uid: randomUUID(),
      groups: ['system:serviceaccounts', `system:serviceaccounts:${this.namespace}`, 'system:authenticated'],
    };
    this.volume = new ServiceAccountVolume({ token: this.issue(), 'ca.crt': options.certificateAuthority, namespace: this.namespace }, () => this.now());
    this.serviceAccountDir = this.volume.dir;
    this.tokenPath = this.volume.tokenPath;
    this.certificateAuthorityPath = this.volume.certificateAuthorityPath;
  }

  /** The token now on disk. Tests compare tags of it, never print it. */
  public get currentToken(): string {
    return this.volume.read('token');
  }

  /** Every token this Pod was ever issued, revoked or not: what no output of a program in the Pod may show. */
  public get issuedTokens(): readonly string[] {
    return [...this.issued];
  }

  /** Replaces the token on disk as the kubelet does at 80% of its lifetime. The old token stays valid. */
  public rotate(): string {
    const token = this.issue();
    this.volume.write('token', token);
    return token;
  }

  /**
   * Replaces one file's content the way the kubelet writes the volume, for a Pod whose token is empty or opaque, or
   * whose ca.crt or namespace is not what it should be. A written ca.crt or namespace stays through later rotations;
   * a written token stays until the next one. The API server accepts a written token only if the Pod issued it.
   */
  public write(file: ServiceAccountFile, content: string): void {
    this.volume.write(file, content);
  }

  /** Makes the API server reject a token from now on, as it does once the token expires. */
  public revoke(token: string): void {
    this.valid.delete(token);
  }

  public identify(token: string): ServiceAccountIdentity | undefined {
    return this.valid.has(token) ? this.identity : undefined;
  }

  /**
   * The variables the kubelet sets in the Pod's containers, for a child process's `env`. The test runner's own
   * process.env is never touched.
   */
  public env(server: { readonly host: string; readonly port: number }): Record<string, string> {
    return podEnvironment(server, this.serviceAccountDir);
  }

  /** Deletes one of the files, as a Pod with a broken or absent mount would lack it. Later writes do not bring it back. */
  public remove(file: ServiceAccountFile): void {
    this.volume.remove(file);
  }

  public dispose(): void {
    this.volume.dispose();
  }

  private issue(): string {
    const token = issueServiceAccountToken({
      namespace: this.namespace,
      name: this.identity.username.split(':').pop()!,
      uid: this.identity.uid,
      lifetimeSeconds: this.options.tokenLifetimeSeconds ?? 3607,
      now: this.now().getTime(),
    });
    this.valid.add(token);
    this.issued.push(token);
    return token;
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }
}

/** The variables the kubelet sets in every container, plus where this Pod's service account is mounted. */
export function podEnvironment(server: { readonly host: string; readonly port: number }, serviceAccountDir: string): Record<string, string> {
  return {
    KUBERNETES_SERVICE_HOST: server.host,
    KUBERNETES_SERVICE_PORT: String(server.port),
    INCLUSTER_SERVICE_ACCOUNT_DIR: serviceAccountDir,
  };
}
