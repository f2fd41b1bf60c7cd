import { InClusterConfigError, type PodEnvironment, carriesSecret, isInClusterConfigError, renderKubeconfig, toJson, toYaml } from '../src';

const pod: PodEnvironment = Object.freeze({
  host: '10.96.0.1',
  port: 443,
  serviceAccountDir: '/sa',
  tokenPath: '/sa/token',
  certificateAuthorityPath: '/sa/ca.crt',
  namespace: 'team-a',
  namespaceSource: 'namespace-file',
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isInClusterConfigError(error) ? error.code : `not an InClusterConfigError: ${error}`;
  }
  return undefined;
}

describe('renderKubeconfig', () => {
  it('always speaks https, and brackets IPv6 as net.JoinHostPort does', () => {
    const server = (host: string, port: number) => renderKubeconfig({ ...pod, host, port }).clusters[0].cluster.server;
    expect(server('10.96.0.1', 80)).toBe('https://10.96.0.1:80');
    expect(server('::1', 6443)).toBe('https://[::1]:6443');
    expect(server('fd00:10:96::1', 443)).toBe('https://[fd00:10:96::1]:443');
    expect(server('kubernetes.default.svc.', 443)).toBe('https://kubernetes.default.svc.:443');
  });

  it('rejects a host or port that cannot form a server URL', () => {
    for (const host of ['', 'a b', 'host/path', 'user@host', 'fe80::1%eth0', '[::1]', '-leading.dash']) {
      expect(codeOf(() => renderKubeconfig({ ...pod, host }))).toBe('INVALID_ENVIRONMENT');
    }
    for (const port of [0, 65536, 1.5, NaN]) {
      expect(codeOf(() => renderKubeconfig({ ...pod, port }))).toBe('INVALID_ENVIRONMENT');
    }
  });

  it('references the token by default, so that nothing secret ends up in the kubeconfig', () => {
    const kubeconfig = renderKubeconfig({ ...pod, token: 'read-but-not-wanted' });
    expect(kubeconfig.users[0].user).toEqual({ tokenFile: '/sa/token' });
    expect(carriesSecret(kubeconfig)).toBe(false);
    expect(toYaml(kubeconfig)).not.toContain('read-but-not-wanted');
  });

  it('embeds the token only when asked, and then says the kubeconfig carries a secret', () => {
    const kubeconfig = renderKubeconfig({ ...pod, token: 'the-token' }, { credential: 'embedded' });
    expect(kubeconfig.users[0].user).toEqual({ token: 'the-token' });
    expect(carriesSecret(kubeconfig)).toBe(true);
  });

  it('asks for the token to be read before embedding it', () => {
    expect(() => renderKubeconfig(pod, { credential: 'embedded' })).toThrow(/readToken: true/);
  });

  it('embeds the CA base64-encoded, in place of its path, only when asked', () => {
    const cluster = renderKubeconfig({ ...pod, certificateAuthorityData: 'PEM' }, { embedCertificateAuthority: true }).clusters[0].cluster;
    expect(cluster).toEqual({ server: 'https://10.96.0.1:443', 'certificate-authority-data': 'UEVN' });
    expect(() => renderKubeconfig(pod, { embedCertificateAuthority: true })).toThrow(/readCertificateAuthority: true/);
  });

  it('gives every exec user a v1 plugin that never prompts', () => {
    for (const credential of ['exec', 'token-file+exec'] as const) {
      expect(renderKubeconfig(pod, { credential }).users[0].user.exec).toMatchObject({
        apiVersion: 'client.authentication.k8s.io/v1',
        command: '/bin/sh',
        interactiveMode: 'Never',
      });
    }
  });

  it('names the cluster, user and context as asked, and points the context at them', () => {
    const kubeconfig = renderKubeconfig(pod, { clusterName: 'c', userName: 'u', contextName: 'x', namespace: 'other' });
    expect(kubeconfig.contexts).toEqual([{ name: 'x', context: { cluster: 'c', user: 'u', namespace: 'other' } }]);
    expect(kubeconfig['current-context']).toBe('x');
  });

  it('validates every option and says which one is wrong', () => {
    const invalid: Array<[object, RegExp]> = [
      [{ credential: 'password' }, /Unknown credential "password": use one of token-file, exec, token-file\+exec, embedded/],
      [{ server: 'http://10.0.0.1' }, /server "http:\/\/10.0.0.1" is not a valid URL with scheme https/],
      [{ server: 'not a url' }, /server/],
      [{ proxyUrl: 'ftp://proxy' }, /proxyUrl "ftp:\/\/proxy" .* http, https, socks5/],
      [{ tlsServerName: 'has space' }, /tlsServerName/],
      [{ clusterName: ' ' }, /clusterName must not be empty/],
      [{ namespace: 'UPPER' }, /The namespace option "UPPER" is not a valid DNS-1123 label/],
    ];
    for (const [options, message] of invalid) {
      expect(() => renderKubeconfig(pod, options)).toThrow(message);
    }
  });

  it('refuses relative paths, which clients would resolve against the kubeconfig file', () => {
    expect(codeOf(() => renderKubeconfig({ ...pod, tokenPath: 'token' }))).toBe('INVALID_OPTION');
    expect(codeOf(() => renderKubeconfig({ ...pod, certificateAuthorityPath: 'ca.crt' }))).toBe('INVALID_OPTION');
  });

  it('is pure: the same input gives the same bytes, and the input is left as it was', () => {
    const options = Object.freeze({ credential: 'token-file+exec' as const, tlsServerName: 'kubernetes.default.svc' });
    expect(toYaml(renderKubeconfig(pod, options))).toBe(toYaml(renderKubeconfig(pod, options)));
    expect(toJson(renderKubeconfig(pod, options))).toBe(toJson(renderKubeconfig(pod, options)));
  });

  it('throws InClusterConfigError, which isInClusterConfigError recognises even across package copies', () => {
    const lookalike = Object.assign(new Error('x'), { name: 'InClusterConfigError', code: 'NOT_IN_CLUSTER' });
    expect(isInClusterConfigError(new InClusterConfigError('INVALID_OPTION', 'x'))).toBe(true);
    expect(isInClusterConfigError(lookalike)).toBe(true);
    expect(isInClusterConfigError(new Error('x'))).toBe(false);
  });
});

describe('InClusterConfigError', () => {
  it('names its code in a printed stack, as Node names its own coded errors, and keeps name and message', () => {
    const error = new InClusterConfigError('NOT_IN_CLUSTER', 'not in a Pod');
    expect(error.stack?.split('\n')[0]).toBe('InClusterConfigError [NOT_IN_CLUSTER]: not in a Pod');
    expect(error.name).toBe('InClusterConfigError');
    expect(error.message).toBe('not in a Pod');
    expect(isInClusterConfigError(error)).toBe(true);
  });
});
