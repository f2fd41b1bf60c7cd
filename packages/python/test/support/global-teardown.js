const { rmSync } = require('node:fs');
const { reapOrphans } = require('@incluster/testkit');

module.exports = async function globalTeardown() {
  // Any etcd or kube-apiserver a crashed test worker left running.
  reapOrphans();
  if (process.env.INCLUSTER_WHEEL_WORK) {
    rmSync(process.env.INCLUSTER_WHEEL_WORK, { recursive: true, force: true });
  }
};
