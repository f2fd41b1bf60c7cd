import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { issueServiceAccountToken } from './service-account-token';
import { ServiceAccountIdentity, TokenAuthority } from './token-authority';

export interface SimulatedPodOptions {
  /** PEM of the CA that signed the API server's certificate, written as ca.crt. */
  readonly certificateAuthority: string;
  /** Written to the namespace file; default `team-a`. */
  readonly namespace?: string;
  /** The service account's name; default `deployer`. */
  readonly serviceAccount?: string;
  /** The `exp` claim of each token, counted from its issue; default 3607 s, the kubelet's default. */
  readonly tokenLifetimeSeconds?: number;
}

/** The three files of a projected service-account volume. */
export const SERVICE_ACCOUNT_FILES = ['token', 'ca.crt', 'namespace'] as const;

/**
 * A Pod's service-account volume on real disk, laid out as the kubelet's atomic writer does: the files live in a
 * timestamped `..<time>` directory, `..data` links to it, and `token`, `ca.crt` and `namespace` link through `..data`.
 * Rotation writes a new directory and swaps `..data` with one rename, so a reader never sees a half-written token.
 *
 * It is also the TokenAuthority of the stand-in API server: every token it issued is valid until revoked, as a
 * projected token stays valid after rotation until it expires.
 */
export class SimulatedPod implements TokenAuthority {
  /** The directory to use as INCLUSTER_SERVICE_ACCOUNT_DIR: the Pod's /var/run/secrets/kubernetes.io/serviceaccount. */
  public readonly serviceAccountDir: string;
  public readonly tokenPath: string;
  public readonly certificateAuthorityPath: string;
  public readonly namespace: string;
  public readonly identity: ServiceAccountIdentity;
  private readonly root: string;
  private readonly valid = new Set<string>();
  private token: string;

  constructor(private readonly options: SimulatedPodOptions) {
    this.root = mkdtempSync(join(tmpdir(), 'incluster-pod-'));
    this.serviceAccountDir = join(this.root, 'serviceaccount');
    this.tokenPath = join(this.serviceAccountDir, 'token');
    this.certificateAuthorityPath = join(this.serviceAccountDir, 'ca.crt');
    this.namespace = options.namespace ?? 'team-a';
    const name = options.serviceAccount ?? 'deployer';
    this.identity = {
      username: `system:serviceaccount:${this.namespace}:${name}`,
      uid: randomUUID(),
      groups: ['system:serviceaccounts', `system:serviceaccounts:${this.namespace}`, 'system:authenticated'],
    };
    mkdirSync(this.serviceAccountDir);
    this.token = this.issue();
    this.writeVolume();
    for (const file of SERVICE_ACCOUNT_FILES) {
      symlinkSync(join('..data', file), join(this.serviceAccountDir, file));
    }
  }

  /** The token now on disk. Tests compare tags of it, never print it. */
  public get currentToken(): string {
    return this.token;
  }

  /** Replaces the token on disk as the kubelet does at 80% of its lifetime. The old token stays valid. */
  public rotate(): string {
    this.token = this.issue();
    this.writeVolume();
    return this.token;
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
    return {
      KUBERNETES_SERVICE_HOST: server.host,
      KUBERNETES_SERVICE_PORT: String(server.port),
      INCLUSTER_SERVICE_ACCOUNT_DIR: this.serviceAccountDir,
    };
  }

  /** Deletes one of the files, as a Pod with a broken or absent mount would lack it. */
  public remove(file: (typeof SERVICE_ACCOUNT_FILES)[number]): void {
    rmSync(join(this.serviceAccountDir, file), { force: true });
  }

  public dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private issue(): string {
    const token = issueServiceAccountToken({
      namespace: this.namespace,
      name: this.identity.username.split(':').pop()!,
      uid: this.identity.uid,
      lifetimeSeconds: this.options.tokenLifetimeSeconds ?? 3607,
    });
    this.valid.add(token);
    return token;
  }

  private writeVolume(): void {
    const dataLink = join(this.serviceAccountDir, '..data');
    const previous = this.currentDataDir(dataLink);
    const stamp = new Date().toISOString().replace(/[-:T]/g, '_').replace(/\..*$/, '');
    const dataDir = mkdtempSync(join(this.serviceAccountDir, `..${stamp}.`));
    writeFileSync(join(dataDir, 'token'), this.token, { mode: 0o600 });
    writeFileSync(join(dataDir, 'ca.crt'), this.options.certificateAuthority);
    writeFileSync(join(dataDir, 'namespace'), this.namespace);
    const newLink = join(this.serviceAccountDir, '..data_tmp');
    symlinkSync(basename(dataDir), newLink);
    renameSync(newLink, dataLink);
    if (previous) {
      rmSync(join(this.serviceAccountDir, previous), { recursive: true, force: true });
    }
  }

  private currentDataDir(dataLink: string): string | undefined {
    try {
      return readlinkSync(dataLink);
    } catch {
      return undefined;
    }
  }
}
