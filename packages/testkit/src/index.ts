/**
 * @incluster/testkit: the proving ground every incluster package shares. One folder per concept:
 *
 * - conformance/: describeKubeconfigConformance(), the suite each kubeconfig producer runs;
 * - golden-vectors.ts: the language-neutral JSON cases (vectors/README.md);
 * - pod/: a simulated Pod, its service-account volume in the kubelet's layout;
 * - cluster/: the servers a kubeconfig is proven against;
 * - clients/: the real kubectl, client-node and the official Python client;
 * - pulumi/: the real Pulumi engine, running a program as a stack;
 * - toolchain/: where the binaries come from.
 */
export * from './conformance';
export { GOLDEN_VECTORS_DIR, GoldenVector, loadGoldenVectors } from './golden-vectors';
export * from './pod';
export * from './cluster';
export * from './clients';
export * from './toolchain';
export * from './pulumi';
