import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DEFAULT_SERVICE_ACCOUNT_DIR, type FileReader, InClusterConfigError, discoverPodEnvironment, memoryFileReader } from '../src';

const SA = DEFAULT_SERVICE_ACCOUNT_DIR;
const env = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };
const files = { [`${SA}/token`]: 'the-token', [`${SA}/ca.crt`]: '-----BEGIN CERTIFICATE-----\n', [`${SA}/namespace`]: 'team-a' };

function failure(run: () => unknown): InClusterConfigError {
  try {
    run();
  } catch (error) {
    return error as InClusterConfigError;
  }
  throw new Error('expected a failure');
}

describe('discoverPodEnvironment', () => {
  it('returns plain data: the address, the paths and the namespace with where it came from', () => {
    expect(discoverPodEnvironment({ env, reader: memoryFileReader(files) })).toEqual({
      host: '10.96.0.1',
      port: 443,
      serviceAccountDir: SA,
      tokenPath: `${SA}/token`,
      certificateAuthorityPath: `${SA}/ca.crt`,
      namespace: 'team-a',
      namespaceSource: 'namespace-file',
    });
  });

  it('checks the token is there but reads it only when asked to', () => {
    const read: string[] = [];
    const memory = memoryFileReader(files);
    const spy: FileReader = {
      checkReadable: memory.checkReadable,
      readText: (path) => {
        read.push(path);
        return memory.readText(path);
      },
    };

    discoverPodEnvironment({ env, reader: spy });
    expect(read).toEqual([`${SA}/namespace`]);

    expect(discoverPodEnvironment({ env, reader: spy, readToken: true }).token).toBe('the-token');
    expect(read).toContain(`${SA}/token`);
  });

  it('reads the CA only when asked to embed it', () => {
    expect(discoverPodEnvironment({ env, reader: memoryFileReader(files) }).certificateAuthorityData).toBeUndefined();
    expect(discoverPodEnvironment({ env, reader: memoryFileReader(files), readCertificateAuthority: true }).certificateAuthorityData).toBe(
      files[`${SA}/ca.crt`],
    );
  });

  it('trims the token it reads, as client-go does', () => {
    const withNewline = { ...files, [`${SA}/token`]: 'the-token\n' };
    expect(discoverPodEnvironment({ env, reader: memoryFileReader(withNewline), readToken: true }).token).toBe('the-token');
  });

  it("takes a namespace option over the Pod's own, which it then neither reads nor validates", () => {
    const read: string[] = [];
    const memory = memoryFileReader({ ...files, [`${SA}/namespace`]: 'Team_A' });
    const spy: FileReader = {
      checkReadable: memory.checkReadable,
      readText: (path) => {
        read.push(path);
        return memory.readText(path);
      },
    };

    const pod = discoverPodEnvironment({ env: { ...env, POD_NAMESPACE: 'Bad_NS' }, reader: spy, namespace: 'team-b' });

    expect(pod).toMatchObject({ namespace: 'team-b', namespaceSource: 'option' });
    expect(read).toEqual([]);
    expect(discoverPodEnvironment({ env, reader: memoryFileReader(files, [`${SA}/namespace`]), namespace: 'team-b' }).namespace).toBe('team-b');
  });

  it('refuses a namespace option that is not a DNS-1123 label as INVALID_OPTION, whatever the Pod holds', () => {
    const error = failure(() => discoverPodEnvironment({ env, reader: memoryFileReader(files), namespace: 'Team_B' }));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toMatch(/namespace option "Team_B"/);
  });

  it('resolves a relative service-account directory, since kubeconfig paths must be absolute', () => {
    const pod = discoverPodEnvironment({ env, serviceAccountDir: relative(process.cwd(), '/sa'), reader: memoryFileReader({ '/sa/token': 't', '/sa/ca.crt': 'c' }) });
    expect(pod.tokenPath).toBe('/sa/token');
  });

  describe('on the real file system', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'incluster-discovery-'));
      writeFileSync(join(dir, 'token'), 'the-token');
      writeFileSync(join(dir, 'ca.crt'), 'ca');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('finds the files in the directory INCLUSTER_SERVICE_ACCOUNT_DIR names', () => {
      const pod = discoverPodEnvironment({ env: { ...env, INCLUSTER_SERVICE_ACCOUNT_DIR: dir } });
      expect(pod).toMatchObject({ tokenPath: join(dir, 'token'), namespace: 'default', namespaceSource: 'default' });
    });

    it('calls a directory where the token should be an unreadable file, to be made a regular file', () => {
      rmSync(join(dir, 'token'));
      mkdirSync(join(dir, 'token'));
      const error = failure(() => discoverPodEnvironment({ env, serviceAccountDir: dir }));
      expect(error.code).toBe('UNREADABLE_FILE');
      expect(error.message).toMatch(/token is not a regular file \(EISDIR\)\. Make it a regular file/);
      expect(error.message).not.toMatch(/read access/);
      expect(error.file).toEqual({ path: join(dir, 'token'), origin: 'option', errno: 'EISDIR' });
    });

    it('reads process.env when no environment is given', () => {
      const replaced = jest.replaceProperty(process, 'env', { ...env, INCLUSTER_SERVICE_ACCOUNT_DIR: dir, POD_NAMESPACE: 'from-process' });
      try {
        expect(discoverPodEnvironment().namespace).toBe('from-process');
      } finally {
        replaced.restore();
      }
    });
  });

  describe('explains every failure: what is wrong, and how to fix it', () => {
    it('outside a Pod, names both variables', () => {
      const error = failure(() => discoverPodEnvironment({ env: {}, reader: memoryFileReader(files) }));
      expect(error).toBeInstanceOf(InClusterConfigError);
      expect(error.code).toBe('NOT_IN_CLUSTER');
      expect(error.message).toMatch(/KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set/);
    });

    it('names the one variable that is missing', () => {
      const error = failure(() => discoverPodEnvironment({ env: { KUBERNETES_SERVICE_HOST: 'h' }, reader: memoryFileReader(files) }));
      expect(error.code).toBe('INVALID_ENVIRONMENT');
      expect(error.message).toMatch(/^KUBERNETES_SERVICE_PORT is not set/);
    });

    it('says both variables are empty when they are, and not that the other one is set', () => {
      const error = failure(() => discoverPodEnvironment({ env: { KUBERNETES_SERVICE_HOST: '', KUBERNETES_SERVICE_PORT: '' }, reader: memoryFileReader(files) }));
      expect(error.code).toBe('INVALID_ENVIRONMENT');
      expect(error.message).toMatch(/^KUBERNETES_SERVICE_HOST is empty and KUBERNETES_SERVICE_PORT is empty\./);
      expect(error.message).not.toMatch(/other service variable is set/);
    });

    it('names the bad port and the range', () => {
      const error = failure(() => discoverPodEnvironment({ env: { ...env, KUBERNETES_SERVICE_PORT: '0' }, reader: memoryFileReader(files) }));
      expect(error.message).toMatch(/KUBERNETES_SERVICE_PORT "0" .* 1 to 65535/);
    });

    it('points at automountServiceAccountToken when the token is not mounted', () => {
      const { [`${SA}/token`]: _token, ...withoutToken } = files;
      const error = failure(() => discoverPodEnvironment({ env, reader: memoryFileReader(withoutToken) }));
      expect(error.code).toBe('SERVICE_ACCOUNT_NOT_MOUNTED');
      expect(error.message).toContain(`${SA}/token does not exist`);
      expect(error.message).toContain('automountServiceAccountToken: true');
    });

    it('says where the path came from, in the message and in error.file, so that callers can phrase their own advice', () => {
      const { [`${SA}/token`]: _token, ...withoutToken } = files;
      const fromEnv = failure(() => discoverPodEnvironment({ env: { ...env, INCLUSTER_SERVICE_ACCOUNT_DIR: SA }, reader: memoryFileReader(withoutToken) }));
      const fromOption = failure(() => discoverPodEnvironment({ env, serviceAccountDir: SA, reader: memoryFileReader(withoutToken) }));

      expect(fromEnv.file).toEqual({ path: `${SA}/token`, origin: 'INCLUSTER_SERVICE_ACCOUNT_DIR', errno: 'ENOENT' });
      expect(fromOption.file).toEqual({ path: `${SA}/token`, origin: 'option', errno: 'ENOENT' });
      expect(fromOption.message).toBe(
        `${SA}/token does not exist. Correct the path passed as an option, which overrides INCLUSTER_SERVICE_ACCOUNT_DIR and the kubelet's mount point.`,
      );
    });

    it('names the unreadable file and the permission fix', () => {
      const error = failure(() => discoverPodEnvironment({ env, reader: memoryFileReader(files, [`${SA}/ca.crt`]) }));
      expect(error.code).toBe('UNREADABLE_FILE');
      expect(error.message).toMatch(/ca\.crt cannot be read \(EACCES\).*read access/);
    });

    it('quotes an invalid namespace and says where it came from', () => {
      const error = failure(() => discoverPodEnvironment({ env: { ...env, POD_NAMESPACE: 'Team A' }, reader: memoryFileReader(files) }));
      expect(error.code).toBe('INVALID_NAMESPACE');
      expect(error.message).toMatch(/"Team A" from POD_NAMESPACE is not a valid DNS-1123 label/);
    });

    it('never puts the token in a message', () => {
      const secret = 'super-secret-token-value';
      const messages = [
        failure(() => discoverPodEnvironment({ env, reader: memoryFileReader({ ...files, [`${SA}/token`]: ' \n' }), readToken: true })),
        failure(() => discoverPodEnvironment({ env: { ...env, POD_NAMESPACE: 'BAD' }, reader: memoryFileReader({ ...files, [`${SA}/token`]: secret }), readToken: true })),
      ].map((error) => error.message);
      expect(messages[0]).toMatch(/token file .* is empty/);
      expect(messages.join('\n')).not.toContain(secret);
    });
  });
});
