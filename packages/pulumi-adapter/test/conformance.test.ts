import { describeKubeconfigConformance } from '@incluster/testkit';
import { createInClusterProvider } from '../src';
import { registeredInputs, unwrapSecret, useMockedPulumi } from './support/pulumi-mocks';

beforeAll(() => useMockedPulumi());

// The kubeconfig the provider would receive, proven with real kubectl: the same client-go parser as the provider's.
let providers = 0;
describeKubeconfigConformance('@incluster/pulumi-adapter', async ({ env, options }) => {
  const provider = createInClusterProvider(`conformance-${providers++}`, { ...options, env });
  return unwrapSecret((await registeredInputs(provider)).inputs.kubeconfig).value as string;
});
