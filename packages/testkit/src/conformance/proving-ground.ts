import type { RecordedRequest } from '../cluster/stand-in/api-server';

/** What a conformance case asks of the Pod it runs in. */
export interface PodShape {
  /** The Pod's namespace; default `team-a`. */
  readonly namespace?: string;
  /** Reach the API server at `::1` rather than `127.0.0.1`. */
  readonly ipv6?: boolean;
  /** What the Pod sees in KUBERNETES_SERVICE_HOST instead of the address. */
  readonly serviceHost?: 'localhost';
  /** Other namespaces whose ConfigMaps the Pod may use, for a kubeconfig whose namespace option points there. */
  readonly alsoGrantIn?: readonly string[];
}

/**
 * A Pod on a cluster, with a ConfigMap `settings` in its namespace (and in each `alsoGrantIn` one) whose
 * `data.namespace` names the namespace it is in: whatever namespace a kubeconfig's context picks shows in it.
 */
export interface PodOnCluster {
  /** The Pod's environment, as a producer is given it. */
  readonly env: Readonly<Record<string, string>>;
  readonly namespace: string;
  /** `system:serviceaccount:<namespace>:<name>`, as the API server knows the Pod. */
  readonly username: string;
  /** The token now on disk. Never printed; compared or tagged only. */
  readonly currentToken: string;
  /** A scratch directory for the test's kubeconfigs, removed with the Pod. */
  readonly workDir: string;
  /** Writes a new token as the kubelet does; the old one stays valid. */
  rotate(): Promise<string>;
  /** Makes the API server refuse a token from now on (it expired, or its bound object is gone). */
  revoke(token: string): Promise<void>;
  /** What the server saw of each request, where it can tell (the stand-in records token tags; a real server does not). */
  readonly requests?: readonly RecordedRequest[];
  dispose(): Promise<void>;
}

/**
 * A cluster the conformance suite runs against: the stand-in API server (standInCluster) or a real kube-apiserver
 * (realCluster). The cases are the same; the ground decides what stands behind them.
 */
export interface ProvingGround {
  /** How test names call it, such as `the stand-in API server`. */
  readonly name: string;
  /**
   * `stand-in`: fast, records which token each request carried, authorizes every valid token;
   * `real`: authorizes with RBAC, so a forbidden request gets a real 403, and revocation is the server's own.
   */
  readonly kind: 'stand-in' | 'real';
  /** Once per suite, before its first Pod (a real cluster starts here). */
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  startPod(shape?: PodShape): Promise<PodOnCluster>;
}

export const DEFAULT_NAMESPACE = 'team-a';
