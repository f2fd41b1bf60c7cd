/**
 * Builds or finds every pinned binary of the real stack before the tests start, one after the other, so that a
 * first run shows its progress here rather than inside a test's timeout. `node lib/toolchain/prepare.js [name…]`.
 */
import { ETCD } from './etcd';
import { KUBE_APISERVER, KUBE_CONTROLLER_MANAGER } from './kubernetes';
import { KUBECONFIG_READER } from './kubeconfig-reader';
import { type PinnedBinary, resolvePinnedBinary } from './pinned-binary';
import { PULUMI_CLI } from './pulumi-cli';
import { PULUMI_KUBERNETES_PROVIDER } from './pulumi-kubernetes-provider';

const ALL: readonly PinnedBinary[] = [KUBE_APISERVER, KUBE_CONTROLLER_MANAGER, ETCD, PULUMI_CLI, PULUMI_KUBERNETES_PROVIDER, KUBECONFIG_READER];

async function main(names: readonly string[]): Promise<void> {
  const unknown = names.filter((name) => !ALL.some((binary) => binary.name === name));
  if (unknown.length) {
    throw new Error(`unknown binary ${unknown.join(', ')}: choose from ${ALL.map((b) => b.name).join(', ')}`);
  }
  for (const binary of ALL.filter((b) => names.length === 0 || names.includes(b.name))) {
    const path = await resolvePinnedBinary(binary);
    process.stderr.write(`[incluster toolchain] ${binary.name} ${binary.version}: ${path}\n`);
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`[incluster toolchain] ${error.message}\n`);
  process.exit(1);
});
