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
  /** The `exp` claim of each token, counted from its issue; default 3607 s, the kubelet's default. A negative one issues expired tokens. */
  readonly tokenLifetimeSeconds?: number;
  /** When the kubelet issues and writes; default the real time. Pin it for exact `iat` and `exp` claims. */
  readonly clock?: () => Date;
}

/** The three files of a projected service-account volume. */
export const SERVICE_ACCOUNT_FILES = ['token', 'ca.crt', 'namespace'] as const;

export type ServiceAccountFile = (typeof SERVICE_ACCOUNT_FILES)[number];

/**
 * A Pod's service-account volume on real disk, laid out as the kubelet's atomic writer does: the files live in a
 * timestamped `..<time>` directory, `..data` links to it, and `token`, `ca.crt` and `namespace` link through `..data`.
 * Rotation and write() write a new directory and swap `..data` with one rename, so a reader never sees a half-written file.
 *
 * It is also the TokenAuthority of the stand-in API server: every token it issued is valid until revoked, as a
 * projected token stays valid after rotation until it expires.
 */
export class SimulatedPod implements TokenAuthority {
  /** The directory to use as INCLUSTER_SERVICE_ACCOUNT_DIR: the Pod's /var/run/secrets/kubernetes.io/serviceaccount. */
  public readonly serviceAccountDir: string;
  public readonly tokenPath: string;
  public readonly certificateAuthorityPath: string;
  /** The Pod's namespace, as its tokens and identity name it; write('namespace', …) changes only the file. */
  public readonly namespace: string;
  public readonly identity: ServiceAccountIdentity;
  private readonly root: string;
  private readonly valid = new Set<string>();
  /** What the volume holds, written anew by every rotation and write. */
  private readonly files: Record<ServiceAccountFile, string>;

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
    this.files = { token: this.issue(), 'ca.crt': options.certificateAuthority, namespace: this.namespace };
    this.writeVolume();
    for (const file of SERVICE_ACCOUNT_FILES) {
      symlinkSync(join('..data', file), join(this.serviceAccountDir, file));
    }
  }

  /** The token now on disk. Tests compare tags of it, never print it. */
  public get currentToken(): string {
    return this.files.token;
  }

  /** Replaces the token on disk as the kubelet does at 80% of its lifetime. The old token stays valid. */
  public rotate(): string {
    this.files.token = this.issue();
    this.writeVolume();
    return this.files.token;
  }

  /**
   * Replaces one file's content the way the kubelet writes the volume, for a Pod whose token is empty or opaque, or
   * whose ca.crt or namespace is not what it should be. A written ca.crt or namespace stays through later rotations;
   * a written token stays until the next one. The API server accepts a written token only if the Pod issued it.
   */
  public write(file: ServiceAccountFile, content: string): void {
    this.files[file] = content;
    this.writeVolume();
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

  /** Deletes one of the files, as a Pod with a broken or absent mount would lack it. Later writes do not bring it back. */
  public remove(file: ServiceAccountFile): void {
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
      now: this.now().getTime(),
    });
    this.valid.add(token);
    return token;
  }

  private writeVolume(): void {
    const dataLink = join(this.serviceAccountDir, '..data');
    const previous = this.currentDataDir(dataLink);
    const stamp = this.now().toISOString().replace(/[-:T]/g, '_').replace(/\..*$/, '');
    const dataDir = mkdtempSync(join(this.serviceAccountDir, `..${stamp}.`));
    for (const file of SERVICE_ACCOUNT_FILES) {
      writeFileSync(join(dataDir, file), this.files[file], file === 'token' ? { mode: 0o600 } : {});
    }
    const newLink = join(this.serviceAccountDir, '..data_tmp');
    symlinkSync(basename(dataDir), newLink);
    renameSync(newLink, dataLink);
    if (previous) {
      rmSync(join(this.serviceAccountDir, previous), { recursive: true, force: true });
    }
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  private currentDataDir(dataLink: string): string | undefined {
    try {
      return readlinkSync(dataLink);
    } catch {
      return undefined;
    }
  }
}
