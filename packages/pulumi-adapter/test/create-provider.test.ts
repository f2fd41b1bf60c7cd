import { InClusterConfigError, memoryFileReader } from '@incluster/core';
import { SimulatedPod, loadGoldenVectors } from '@incluster/testkit';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';
import { createInClusterProvider, inClusterKubeconfig } from '../src';
import { registered, registeredInputs, unwrapSecret, useMockedPulumi } from './support/pulumi-mocks';

const server = { host: '10.96.0.1', port: 443 };
let pod: SimulatedPod;
beforeAll(async () => {
  await useMockedPulumi();
  pod = new SimulatedPod({ certificateAuthority: '-----BEGIN CERTIFICATE-----\n' });
});
afterAll(() => pod.dispose());

async function providerInputs(provider: k8s.Provider): Promise<pulumi.runtime.MockResourceArgs['inputs']> {
  const args = await registeredInputs(provider);
  expect(args.type).toBe('pulumi:providers:kubernetes');
  return args.inputs;
}

describe('createInClusterProvider in a Pod', () => {
  it('passes a kubeconfig string that references the token file, with the context set and no token inside', async () => {
    const inputs = await providerInputs(createInClusterProvider('in-pod', { env: pod.env(server) }));
    expect(typeof inputs.kubeconfig).toBe('string');
    const kubeconfig = parse(inputs.kubeconfig);
    expect(kubeconfig.users[0].user).toEqual({ tokenFile: pod.tokenPath });
    expect(kubeconfig.contexts[0].context.namespace).toBe('team-a');
    expect(inputs.context).toBe('incluster');
    expect(inputs.kubeconfig).not.toContain(pod.currentToken);
  });

  it('is the provider of the resources created with it', async () => {
    const provider = createInClusterProvider('for-resources', { env: pod.env(server) });
    const configMap = new k8s.core.v1.ConfigMap('settings', { data: { a: 'b' } }, { provider });
    const providerUrn = await new Promise<string>((resolve) => provider.urn.apply(resolve));
    expect((await registeredInputs(configMap)).provider).toBe(`${providerUrn}::for-resources-id`);
  });

  it("passes every other provider argument through unchanged, and the core's options to the kubeconfig", async () => {
    const inputs = await providerInputs(
      createInClusterProvider('pass-through', {
        env: pod.env(server),
        namespace: 'other-team',
        contextName: 'home',
        enableServerSideApply: true,
        clusterIdentifier: 'home-cluster',
        deleteUnreachable: true,
      }),
    );
    expect(inputs).toMatchObject({ enableServerSideApply: 'true', clusterIdentifier: 'home-cluster', deleteUnreachable: 'true', context: 'home' });
    expect(parse(inputs.kubeconfig).contexts[0].context.namespace).toBe('other-team');
    expect(inputs.namespace).toBeUndefined();
  });

  it('wraps an embedded token in pulumi.secret, so no token sits in state in plain text', async () => {
    const inputs = await providerInputs(createInClusterProvider('embedded', { env: pod.env(server), credential: 'embedded' }));
    const { secret, value } = unwrapSecret(inputs.kubeconfig);
    expect(secret).toBe(true);
    expect(parse(value as string).users[0].user.token).toBe(pod.currentToken);
  });

  it("keeps the cluster entry of the core's default, the compatibility promise", async () => {
    const vector = loadGoldenVectors().find(({ name }) => name === 'ipv4-token-file')!;
    const reader = memoryFileReader(vector.files);
    const inputs = await providerInputs(createInClusterProvider('promise', { env: vector.environment, reader }));
    expect(parse(inputs.kubeconfig)).toEqual((vector.expect as { kubeconfig: object }).kubeconfig);
    expect(inClusterKubeconfig({ env: vector.environment, reader })).toBe(inputs.kubeconfig);
  });
});

describe('createInClusterProvider outside a Pod', () => {
  const notInAPod = { env: {} };

  it('throws NOT_IN_CLUSTER before registering anything, rather than fall back to ~/.kube/config', () => {
    const before = registered.length;
    expect(() => createInClusterProvider('nowhere', notInAPod)).toThrow(expect.objectContaining({ code: 'NOT_IN_CLUSTER' }));
    expect(() => createInClusterProvider('nowhere', { ...notInAPod, outsideCluster: 'fail' })).toThrow(InClusterConfigError);
    expect(registered.length).toBe(before);
  });

  it("with outsideCluster 'ambient', leaves the kubeconfig to the provider and says so in the Pulumi log", async () => {
    const info = jest.spyOn(pulumi.log, 'info').mockResolvedValue();
    const inputs = await providerInputs(createInClusterProvider('ambient', { ...notInAPod, outsideCluster: 'ambient' }));
    expect(inputs.kubeconfig).toBeUndefined();
    expect(inputs.context).toBeUndefined();
    expect(info).toHaveBeenCalledWith(expect.stringMatching(/ambient: not running in a Pod; .* uses ~\/\.kube\/config/));
  });

  it('with outsideCluster { kubeconfig }, uses that kubeconfig (as a secret) and context, and says so', async () => {
    const info = jest.spyOn(pulumi.log, 'info').mockResolvedValue();
    const inputs = await providerInputs(createInClusterProvider('explicit', { ...notInAPod, outsideCluster: { kubeconfig: '/home/me/.kube/ci', context: 'ci' } }));
    expect(unwrapSecret(inputs.kubeconfig)).toEqual({ secret: true, value: '/home/me/.kube/ci' });
    expect(inputs.context).toBe('ci');
    expect(info).toHaveBeenCalledWith(expect.stringContaining('uses the kubeconfig given in outsideCluster'));
  });

  it('never falls back from a Pod whose service account is broken', () => {
    const broken = new SimulatedPod({ certificateAuthority: 'CA' });
    broken.remove('token');
    try {
      expect(() => createInClusterProvider('broken', { env: broken.env(server), outsideCluster: 'ambient' })).toThrow(
        expect.objectContaining({ code: 'SERVICE_ACCOUNT_NOT_MOUNTED' }),
      );
    } finally {
      broken.dispose();
    }
  });
});
