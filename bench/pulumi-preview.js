// What the adapter's provider costs a real `pulumi preview`, next to the same program with the token embedded in its
// kubeconfig: both stacks of examples/pulumi-typescript, on one real cluster, previews interleaved. The engine and
// the cluster come from the testkit (the pinned pulumi CLI, Kubernetes plugin, etcd and kube-apiserver).
const { join } = require('node:path');
const { PulumiStack, startRealCluster } = require('@incluster/testkit');
const { interleave } = require('./measure');

const EXAMPLE = join(__dirname, '..', 'examples', 'pulumi-typescript');

async function pulumiPreview({ runs, log }) {
  log('pulumi preview: starting a real cluster and deploying the example twice');
  const cluster = await startRealCluster();
  const pod = await cluster.startPod({ namespace: 'team-a', serviceAccount: 'deployer' });
  const env = pod.env({ host: cluster.host, port: cluster.port });
  const variants = [
    { id: 'adapter', config: {} },
    { id: 'embedded', config: { credential: 'embedded' } },
  ].map((variant) => ({ ...variant, stack: new PulumiStack({ programDir: EXAMPLE, language: 'nodejs', projectName: 'incluster-pulumi-typescript', stackName: variant.id }) }));
  try {
    for (const variant of variants) {
      await variant.stack.up({ env, config: variant.config });
    }
    log(`pulumi preview: ${runs} runs of each, interleaved`);
    const time = async (variant) => {
      const start = process.hrtime.bigint();
      await variant.stack.preview({ env, config: variant.config, expectNoChanges: true });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const samples = await interleave(variants, { runs, warmup: 1, time });
    return { ...samples, ratio: samples.adapter.median / samples.embedded.median };
  } finally {
    for (const variant of variants) {
      variant.stack.dispose();
    }
    pod.dispose();
    await cluster.dispose();
  }
}

module.exports = { pulumiPreview };
