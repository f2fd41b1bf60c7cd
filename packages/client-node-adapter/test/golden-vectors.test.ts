import { type Kubeconfig, memoryFileReader } from '@incluster/core';
import { loadGoldenVectors } from '@incluster/testkit';
import { inClusterKubeConfigOptions } from '../src';

// client-node cannot express every kubeconfig as text (its tokenFile provider has no kubeconfig form), so the
// adapter meets the golden vectors field by field: same errors, same cluster, names and namespace, same credential.
describe.each(loadGoldenVectors())('golden vector $name', (vector) => {
  const load = () => inClusterKubeConfigOptions({ ...vector.options, env: vector.environment, reader: memoryFileReader(vector.files, vector.unreadable) });

  if ('error' in vector.expect) {
    const code = vector.expect.error;
    it(`fails with ${code}: ${vector.description}`, () => {
      expect(load).toThrow(expect.objectContaining({ code }));
    });
    return;
  }

  const expected = vector.expect.kubeconfig as unknown as Kubeconfig;
  it(`keeps the cluster, names, namespace and credential: ${vector.description}`, () => {
    const options = load();
    const [{ name, cluster }] = expected.clusters;
    const [{ user }] = expected.users;
    const present = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    expect(options.clusters).toEqual([
      present({
        name,
        server: cluster.server,
        caFile: cluster['certificate-authority'],
        caData: cluster['certificate-authority-data'],
        tlsServerName: cluster['tls-server-name'],
        proxyUrl: cluster['proxy-url'],
        skipTLSVerify: false,
      }),
    ]);
    expect(options.contexts).toEqual(expected.contexts.map(({ name: contextName, context }) => ({ name: contextName, ...context })));
    expect(options.currentContext).toBe(expected['current-context']);
    expect(options.users[0].name).toBe(expected.users[0].name);
    if (user.tokenFile !== undefined) {
      expect(options.users[0].authProvider).toEqual({ name: 'tokenFile', config: { tokenFile: user.tokenFile } });
    } else if (user.exec !== undefined) {
      expect(options.users[0].exec).toEqual(user.exec);
    } else {
      expect(options.users[0].token).toBe(user.token);
    }
  });
});
