import { describeKubeconfigConformance, realCluster } from '@incluster/testkit';
import { loadInClusterKubeconfig, toYaml } from '../src';

// The same suite as conformance.test.ts, against a real kube-apiserver: real tokens, RBAC and revocation.
describeKubeconfigConformance('@incluster/core', ({ env, options }) => toYaml(loadInClusterKubeconfig({ ...options, env })), { cluster: realCluster() });
