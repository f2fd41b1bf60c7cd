import { describeKubeconfigConformance, realCluster } from '@incluster/testkit';
import { useMockedPulumi } from './support/pulumi-mocks';
import { providerKubeconfigProducer } from './support/provider-producer';

beforeAll(() => useMockedPulumi());

// The same suite as conformance.test.ts, against a real kube-apiserver: real tokens, RBAC and revocation.
describeKubeconfigConformance('@incluster/pulumi-adapter', providerKubeconfigProducer, { cluster: realCluster() });
