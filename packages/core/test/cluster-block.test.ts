import { loadGoldenVectors } from '@incluster/testkit';
import { discoverPodEnvironment, memoryFileReader, renderKubeconfig, toYaml } from '../src';

// pulumi-kubernetes replaces its provider, and every resource that uses it, when the active cluster entry changes.
// The default cluster entry is therefore a promise kept across releases.
describe('the default cluster entry', () => {
  const vector = loadGoldenVectors().find(({ name }) => name === 'ipv4-token-file')!;
  const pod = discoverPodEnvironment({ env: vector.environment, reader: memoryFileReader(vector.files) });
  const kubeconfig = renderKubeconfig(pod);

  it('is what the bash-exec kubeconfig had for the same Pod, so moving to incluster is an update, not a replacement', () => {
    expect(kubeconfig.clusters[0].cluster).toEqual({
      server: 'https://10.96.0.1:443',
      'certificate-authority': '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    });
  });

  it('never changes its serialized form, nor does the rest of the default kubeconfig', () => {
    expect(toYaml(kubeconfig)).toMatchSnapshot();
  });

  it('does not depend on the credential or the names', () => {
    for (const credential of ['exec', 'token-file+exec'] as const) {
      expect(renderKubeconfig(pod, { credential, userName: 'someone', contextName: 'elsewhere' }).clusters[0].cluster).toEqual(
        kubeconfig.clusters[0].cluster,
      );
    }
  });

  it('renders byte-identical output for the same input', () => {
    expect(toYaml(renderKubeconfig(pod))).toBe(toYaml(kubeconfig));
  });
});
