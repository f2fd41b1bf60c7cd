/**
 * The one place the real stack's versions are pinned. Each binary is built from these sources with the installed
 * Go, once per version, into the toolchain cache (cache-dir.ts); a binary given by environment variable must report
 * the same version.
 */
export const PINNED = {
  /** kube-apiserver, from k8s.io/kubernetes and its staging modules at the matching v0.35 release. */
  kubernetes: { version: 'v1.35.8', stagingVersion: 'v0.35.8' },
  /** etcd 3.6, which kube-apiserver 1.35 supports (3.5.24 and later). */
  etcd: { version: 'v3.6.16' },
  /** The Pulumi CLI (github.com/pulumi/pulumi/pkg/v3 and sdk/v3 at the same tag). */
  pulumi: { version: 'v3.276.0' },
  /**
   * The Kubernetes provider plugin. Its Go module has no release tags: this is the v4.25.0 release commit, the newest
   * release the module proxy serves here.
   */
  pulumiKubernetes: { version: '4.25.0', moduleVersion: 'v4.0.0-20260115033456-f47bc2d6f199' },
} as const;
