import { describeKubeconfigConformance, realCluster } from '@incluster/testkit';
import { binaryProducer } from './support/binary-producer';

// The same suite as conformance.test.ts, against a real kube-apiserver: real tokens, RBAC and revocation.
describeKubeconfigConformance('@incluster/cli (incluster-kubeconfig)', binaryProducer, { cluster: realCluster() });
