import { describeKubeconfigConformance } from '@incluster/testkit';
import { binaryProducer } from './support/binary-producer';

// The built binary, as a Pod would run it, with nothing but the Pod's environment.
describeKubeconfigConformance('@incluster/cli (incluster-kubeconfig)', binaryProducer);
