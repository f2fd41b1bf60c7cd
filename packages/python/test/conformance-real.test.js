// The same suite as conformance.test.js, against a real kube-apiserver: real tokens, RBAC and revocation.
const { describeKubeconfigConformance, realCluster } = require('@incluster/testkit');
const { produceWithPythonM } = require('./support/installed-python');

describeKubeconfigConformance('incluster (Python: python -m incluster)', produceWithPythonM, { cluster: realCluster() });
