const { rmSync } = require('node:fs');

module.exports = async function globalTeardown() {
  if (process.env.INCLUSTER_WHEEL_WORK) {
    rmSync(process.env.INCLUSTER_WHEEL_WORK, { recursive: true, force: true });
  }
};
