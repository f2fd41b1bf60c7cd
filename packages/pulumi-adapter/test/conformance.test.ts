import { describeKubeconfigConformance } from '@incluster/testkit';
import { useMockedPulumi } from './support/pulumi-mocks';
import { providerKubeconfigProducer } from './support/provider-producer';

beforeAll(() => useMockedPulumi());

// The kubeconfig the provider would receive, proven with real kubectl: the same client-go parser as the provider's.
describeKubeconfigConformance('@incluster/pulumi-adapter', providerKubeconfigProducer);
