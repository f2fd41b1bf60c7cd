import type { KubeconfigProducer } from '@incluster/testkit';
import { createInClusterProvider } from '../../src';
import { registeredInputs, unwrapSecret } from './pulumi-mocks';

let providers = 0;

/** The kubeconfig the provider would receive (call useMockedPulumi() first), to be proven with real clients. */
export const providerKubeconfigProducer: KubeconfigProducer = async ({ env, options }) => {
  const provider = createInClusterProvider(`conformance-${providers++}`, { ...options, env });
  return unwrapSecret((await registeredInputs(provider)).inputs.kubeconfig).value as string;
};
