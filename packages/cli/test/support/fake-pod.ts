import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCertificates } from './certificates';

/** A JWT-shaped token: base64url header, payload and signature. Only its claims matter to incluster. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'cli-test' })}.${part(claims)}.${Buffer.from('not a real signature').toString('base64url')}`;
}

export const SUBJECT = 'system:serviceaccount:team-a:deployer';
export const AUDIENCE = 'https://kubernetes.default.svc.cluster.local';

export interface FakePodOptions {
  /** The token file's content; default a JWT for SUBJECT that expires in an hour. */
  readonly token?: string;
  /** The namespace file's content; default `team-a`. */
  readonly namespace?: string;
}

/** A Pod's service-account directory on real disk, with the variables that point at it. */
export class FakePod {
  public readonly root: string;
  public readonly serviceAccountDir: string;
  public readonly tokenPath: string;
  public readonly certificateAuthorityPath: string;
  public readonly token: string;
  public readonly env: Record<string, string>;

  constructor(options: FakePodOptions = {}) {
    this.root = mkdtempSync(join(tmpdir(), 'incluster-cli-'));
    this.serviceAccountDir = this.root;
    this.tokenPath = join(this.root, 'token');
    this.certificateAuthorityPath = join(this.root, 'ca.crt');
    this.token = options.token ?? fakeJwt({ sub: SUBJECT, aud: [AUDIENCE], exp: Math.floor(Date.now() / 1000) + 3600 });
    writeFileSync(this.tokenPath, this.token);
    writeFileSync(this.certificateAuthorityPath, testCertificates().caCertificate);
    writeFileSync(join(this.root, 'namespace'), options.namespace ?? 'team-a');
    this.env = { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443', INCLUSTER_SERVICE_ACCOUNT_DIR: this.root };
  }

  public remove(file: 'token' | 'ca.crt' | 'namespace'): void {
    rmSync(join(this.root, file), { recursive: true, force: true });
  }

  public write(file: 'token' | 'ca.crt' | 'namespace', content: string): void {
    writeFileSync(join(this.root, file), content);
  }

  public dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
