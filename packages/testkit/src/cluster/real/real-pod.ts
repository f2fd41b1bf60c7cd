import { podEnvironment } from '../../pod/simulated-pod';
import { type ServiceAccountFile, ServiceAccountVolume } from '../../pod/service-account-volume';
import { type AdminCredentials, callApi, mustCallApi } from './admin-api';

/** How long the kubelet's projected tokens live by default; the kubelet rotates them at 80% of that. */
const TOKEN_LIFETIME_SECONDS = 3607;
/** kube-apiserver caches a successful token review for 10 s, so a revoked token works a little longer. */
const REVOCATION_TIMEOUT_MS = 30_000;

/**
 * A Pod of a real cluster, as far as its service account goes: the kubelet's volume layout, filled with tokens that
 * the real API server issued (TokenRequest) for the Pod's ServiceAccount. Each token is bound to a Secret of its own,
 * as a kubelet binds it to the Pod: deleting the Secret revokes that token alone, which is how a test makes an old
 * token expire on demand.
 */
export class RealPod {
  public readonly serviceAccountDir: string;
  public readonly tokenPath: string;
  /** `system:serviceaccount:<namespace>:<name>`, as the API server reports the Pod's user. */
  public readonly username: string;
  private readonly volume: ServiceAccountVolume;
  private readonly boundSecrets = new Map<string, string>();
  private issued = 0;

  /** Use RealCluster.startPod(), which creates the namespace, the ServiceAccount and its RBAC first. */
  public static async start(admin: AdminCredentials, namespace: string, serviceAccount: string): Promise<RealPod> {
    const pod = new RealPod(admin, namespace, serviceAccount);
    pod.volume.write('token', await pod.issue());
    return pod;
  }

  private constructor(
    private readonly admin: AdminCredentials,
    public readonly namespace: string,
    public readonly serviceAccount: string,
  ) {
    this.username = `system:serviceaccount:${namespace}:${serviceAccount}`;
    this.volume = new ServiceAccountVolume({ token: '', 'ca.crt': admin.caCertificate, namespace });
    this.serviceAccountDir = this.volume.dir;
    this.tokenPath = this.volume.tokenPath;
  }

  /** The token now on disk. Tests compare tags of it, never print it. */
  public get currentToken(): string {
    return this.volume.read('token');
  }

  /** Mints a new token and swaps it in, as the kubelet does at 80% of the old one's lifetime. The old one stays valid. */
  public async rotate(): Promise<string> {
    const token = await this.issue();
    this.volume.write('token', token);
    return token;
  }

  /** Deletes the Secret the token is bound to, and returns once the API server refuses the token. */
  public async revoke(token: string): Promise<void> {
    const secret = this.boundSecrets.get(token);
    if (secret === undefined) {
      throw new Error('revoke() was given a token this Pod did not issue');
    }
    await mustCallApi(this.admin, 'DELETE', `/api/v1/namespaces/${this.namespace}/secrets/${secret}`);
    const deadline = Date.now() + REVOCATION_TIMEOUT_MS;
    while ((await this.review(token)) !== 401) {
      if (Date.now() > deadline) {
        throw new Error(`the API server still accepts a revoked token ${REVOCATION_TIMEOUT_MS / 1000} s after its Secret was deleted`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** The variables the kubelet sets in the Pod's containers, pointing at `server` (the cluster's own address by default). */
  public env(server: { readonly host: string; readonly port: number }): Record<string, string> {
    return podEnvironment(server, this.serviceAccountDir);
  }

  public write(file: ServiceAccountFile, content: string): void {
    this.volume.write(file, content);
  }

  public remove(file: ServiceAccountFile): void {
    this.volume.remove(file);
  }

  public dispose(): void {
    this.volume.dispose();
  }

  private async issue(): Promise<string> {
    const secretName = `${this.serviceAccount}-token-${++this.issued}`;
    const secret = await mustCallApi<{ metadata: { uid: string } }>(this.admin, 'POST', `/api/v1/namespaces/${this.namespace}/secrets`, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: secretName },
      type: 'Opaque',
    });
    const request = await mustCallApi<{ status: { token: string } }>(this.admin, 'POST', `/api/v1/namespaces/${this.namespace}/serviceaccounts/${this.serviceAccount}/token`, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: {
        expirationSeconds: TOKEN_LIFETIME_SECONDS,
        boundObjectRef: { apiVersion: 'v1', kind: 'Secret', name: secretName, uid: secret.metadata.uid },
      },
    });
    const token: string = request.status.token;
    this.boundSecrets.set(token, secretName);
    return token;
  }

  private async review(token: string): Promise<number> {
    const reply = await callApi(this.admin, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      token,
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    return reply.status;
  }
}
