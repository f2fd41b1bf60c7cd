import { type Adapter, type AdapterInput, memoryFileReader, runAdapter } from '../src';

const SA = '/var/run/secrets/kubernetes.io/serviceaccount';
const env = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };
const files = { [`${SA}/token`]: 'the-token', [`${SA}/ca.crt`]: '-----BEGIN CERTIFICATE-----\n' };

// An adapter that only counts users, to show what every adapter is handed.
const userCounter: Adapter<{ users: number; input: AdapterInput<{ label: string }> }, { label: string }> = {
  name: 'user-counter',
  build: (input) => ({ users: input.kubeconfig.users.length, input }),
};

describe('runAdapter', () => {
  it("hands the adapter the discovered Pod, its kubeconfig and the options, the adapter's own included", () => {
    const { users, input } = runAdapter(userCounter, { env, reader: memoryFileReader(files), label: 'mine', credential: 'exec' });
    expect(users).toBe(1);
    expect(input.pod.tokenPath).toBe(`${SA}/token`);
    expect(input.kubeconfig.users[0].user.exec).toBeDefined();
    expect(input.options.label).toBe('mine');
  });

  it('reads the token only for the embedded credential', () => {
    expect(runAdapter(userCounter, { env, reader: memoryFileReader(files), label: '' }).input.pod.token).toBeUndefined();
    expect(runAdapter(userCounter, { env, reader: memoryFileReader(files), label: '', credential: 'embedded' }).input.pod.token).toBe('the-token');
  });

  it("hands over a Pod whose namespace is the option's, when one is given, without reading the Pod's", () => {
    const { input } = runAdapter(userCounter, { env: { ...env, POD_NAMESPACE: 'Bad_NS' }, reader: memoryFileReader(files), label: '', namespace: 'team-b' });
    expect(input.pod).toMatchObject({ namespace: 'team-b', namespaceSource: 'option' });
    expect(input.kubeconfig.contexts[0].context.namespace).toBe('team-b');
  });
});
