import { memoryFileReader } from '@incluster/core';
import { inClusterKubeConfigOptions } from '../src';

const SA = '/var/run/secrets/kubernetes.io/serviceaccount';
const load = (options: object = {}) =>
  inClusterKubeConfigOptions({
    env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '8080' },
    reader: memoryFileReader({ [`${SA}/token`]: 'the-token', [`${SA}/ca.crt`]: '-----BEGIN CERTIFICATE-----\n', [`${SA}/namespace`]: 'team-a' }),
    ...options,
  });

describe('inClusterKubeConfigOptions', () => {
  it("keeps the core's server, CA and names: https even on port 8080, where client-node's loadFromCluster() picks http", () => {
    expect(load()).toEqual({
      clusters: [{ name: 'incluster', server: 'https://[fd00::1]:8080', caFile: `${SA}/ca.crt`, skipTLSVerify: false }],
      users: [{ name: 'incluster', authProvider: { name: 'tokenFile', config: { tokenFile: `${SA}/token` } } }],
      contexts: [{ name: 'incluster', cluster: 'incluster', user: 'incluster', namespace: 'team-a' }],
      currentContext: 'incluster',
    });
  });

  it("gives client-node the token file through its own re-reading auth provider, with or without the exec plugin", () => {
    expect(load({ credential: 'token-file+exec' }).users[0]).toEqual(load().users[0]);
  });

  it('keeps the exec plugin and the embedded token as they are', () => {
    expect(load({ credential: 'exec' }).users[0].exec).toMatchObject({ command: '/bin/sh', apiVersion: 'client.authentication.k8s.io/v1' });
    expect(load({ credential: 'embedded' }).users[0]).toEqual({ name: 'incluster', token: 'the-token' });
  });

  it('carries the optional cluster fields under client-node names', () => {
    const cluster = load({ tlsServerName: 'kubernetes.default.svc', proxyUrl: 'http://proxy:3128', embedCertificateAuthority: true }).clusters[0];
    expect(cluster).toMatchObject({ tlsServerName: 'kubernetes.default.svc', proxyUrl: 'http://proxy:3128', caData: expect.any(String) });
    expect(cluster.caFile).toBeUndefined();
  });
});
