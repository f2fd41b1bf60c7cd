import { SimulatedPod } from '@incluster/testkit';
import { createInClusterProvider } from '../src';
import { registeredInputs, useMockedPulumi } from './support/pulumi-mocks';

// An unknown kubeconfig at preview makes the provider plan a replacement of every resource it manages.
it('gives the provider a kubeconfig that is already known at preview', async () => {
  await useMockedPulumi({ preview: true });
  const pod = new SimulatedPod({ certificateAuthority: 'CA' });
  try {
    const { inputs } = await registeredInputs(createInClusterProvider('at-preview', { env: pod.env({ host: '10.96.0.1', port: 443 }) }));
    expect(inputs.kubeconfig).toEqual(expect.stringContaining(`tokenFile: ${pod.tokenPath}`));
  } finally {
    pod.dispose();
  }
});
