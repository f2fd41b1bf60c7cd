// The main job until the CLI's demo lands: render every golden vector with @incluster/core and show the result.
const { loadInClusterKubeconfig, memoryFileReader, toYaml } = require('@incluster/core');
const { loadGoldenVectors } = require('@incluster/testkit');
const { isDeepStrictEqual } = require('node:util');

let failed = 0;
for (const vector of loadGoldenVectors()) {
  let outcome;
  try {
    const kubeconfig = loadInClusterKubeconfig({ ...vector.options, env: vector.environment, reader: memoryFileReader(vector.files, vector.unreadable) });
    outcome = { kubeconfig };
  } catch (error) {
    outcome = { error: error.code, message: error.message };
  }
  const expected = vector.expect;
  const ok = 'error' in expected ? outcome.error === expected.error : isDeepStrictEqual(outcome.kubeconfig, expected.kubeconfig);
  failed += ok ? 0 : 1;
  const shown = outcome.kubeconfig ? outcome.kubeconfig.clusters[0].cluster.server : `${outcome.error}`;
  console.log(`${ok ? '✓' : '✗'} ${vector.name.padEnd(34)} ${shown}`);
  if (vector.name === 'ipv4-token-file') {
    console.log(`\n  The kubeconfig for the most common Pod: it references the token, never copies it.\n`);
    console.log(toYaml(outcome.kubeconfig).replace(/^/gm, '    '));
  }
  if (outcome.message && vector.name === 'error-token-missing') {
    console.log(`\n  What a Pod without its service account is told:\n    ${outcome.message}\n`);
  }
}
console.log(`\n${failed === 0 ? 'Every golden vector rendered as expected.' : `${failed} golden vector(s) did not render as expected.`}`);
process.exitCode = failed === 0 ? 0 : 1;
