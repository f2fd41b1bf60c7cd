// What the packages are tested with, in one place: scripts/compat-run.js runs every cell, `npm run bench` times the
// cold start on the newest release of each Node.js line here, and docs/README.md lists the matrix. Moving a version
// here moves all three; the compatibility run then checks that every `engines` and peer range still claims what it
// tests.
'use strict';

/** The peer versions tested: the floors of the ranges, and the newest releases (`npm view <name> version`). */
const PEER_SETS = {
  oldest: { '@pulumi/pulumi': '3.142.0', '@pulumi/kubernetes': '4.17.1', '@kubernetes/client-node': '1.0.0' },
  newest: { '@pulumi/pulumi': '3.276.0', '@pulumi/kubernetes': '4.34.2', '@kubernetes/client-node': '2.0.1' },
};

/**
 * The cells: a Node.js release (from the npm registry, scripts/install-node.sh) and a peer set. The floor of the
 * `engines` range runs with the oldest peers; the newest release of each later line with the newest peers. Node 20's
 * newest release, with the peers of package-lock.json, is `npm test` itself.
 */
const CELLS = [
  { node: '20.19.0', peers: 'oldest' },
  { node: '22.23.5', peers: 'newest' },
  { node: '24.22.3', peers: 'newest' },
];

module.exports = { PEER_SETS, CELLS };
