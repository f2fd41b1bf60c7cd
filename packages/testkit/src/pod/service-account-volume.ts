import { mkdirSync, mkdtempSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** The three files of a projected service-account volume. */
export const SERVICE_ACCOUNT_FILES = ['token', 'ca.crt', 'namespace'] as const;

export type ServiceAccountFile = (typeof SERVICE_ACCOUNT_FILES)[number];

/**
 * A Pod's service-account volume on real disk, laid out as the kubelet's atomic writer does: the files live in a
 * timestamped `..<time>` directory, `..data` links to it, and `token`, `ca.crt` and `namespace` link through `..data`.
 * Every write makes a new directory and swaps `..data` with one rename, so a reader never sees a half-written file.
 */
export class ServiceAccountVolume {
  /** The directory to use as INCLUSTER_SERVICE_ACCOUNT_DIR: the Pod's /var/run/secrets/kubernetes.io/serviceaccount. */
  public readonly dir: string;
  public readonly tokenPath: string;
  public readonly certificateAuthorityPath: string;
  private readonly root: string;

  constructor(private readonly files: Record<ServiceAccountFile, string>, private readonly now: () => Date = () => new Date()) {
    this.root = mkdtempSync(join(tmpdir(), 'incluster-pod-'));
    this.dir = join(this.root, 'serviceaccount');
    this.tokenPath = join(this.dir, 'token');
    this.certificateAuthorityPath = join(this.dir, 'ca.crt');
    mkdirSync(this.dir);
    this.writeAll();
    for (const file of SERVICE_ACCOUNT_FILES) {
      symlinkSync(join('..data', file), join(this.dir, file));
    }
  }

  public read(file: ServiceAccountFile): string {
    return this.files[file];
  }

  /** Replaces one file's content; the others are written again unchanged, as the kubelet rewrites the whole volume. */
  public write(file: ServiceAccountFile, content: string): void {
    this.files[file] = content;
    this.writeAll();
  }

  /** Deletes one of the files, as a Pod with a broken or absent mount would lack it. Later writes do not bring it back. */
  public remove(file: ServiceAccountFile): void {
    rmSync(join(this.dir, file), { force: true });
  }

  public dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private writeAll(): void {
    const dataLink = join(this.dir, '..data');
    const previous = this.currentDataDir(dataLink);
    const stamp = this.now().toISOString().replace(/[-:T]/g, '_').replace(/\..*$/, '');
    const dataDir = mkdtempSync(join(this.dir, `..${stamp}.`));
    for (const file of SERVICE_ACCOUNT_FILES) {
      writeFileSync(join(dataDir, file), this.files[file], file === 'token' ? { mode: 0o600 } : {});
    }
    const newLink = join(this.dir, '..data_tmp');
    symlinkSync(basename(dataDir), newLink);
    renameSync(newLink, dataLink);
    if (previous) {
      rmSync(join(this.dir, previous), { recursive: true, force: true });
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
