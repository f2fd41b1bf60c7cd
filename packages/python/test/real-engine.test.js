// examples/pulumi-python, run by the real engine (the pinned pulumi CLI and Kubernetes plugin) as a Pod's program:
// incluster comes from the installed wheel (test/support/global-setup.js), pulumi from the test environment.
const { join } = require('node:path');
const { describeRealEngineScenario } = require('@incluster/testkit');

describeRealEngineScenario('the real Pulumi engine runs examples/pulumi-python in a Pod of a real cluster', {
  programDir: join(__dirname, '..', '..', '..', 'examples', 'pulumi-python'),
  language: 'python',
  projectName: 'incluster-pulumi-python',
  python: process.env.INCLUSTER_DEV_PYTHON,
  env: { PYTHONPATH: process.env.INCLUSTER_WHEEL_SITE_PACKAGES ?? '' },
});
