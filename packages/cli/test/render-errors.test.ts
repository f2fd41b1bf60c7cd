import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { useContainer } from './support/simulated-pod';
import { errorCode, run } from './support/run';

const container = useContainer();

/**
 * Every failure: the documented exit code, one parseable first line on stderr that names the code, and nothing at all
 * on stdout, so that `incluster-kubeconfig > kubeconfig` never leaves a half-made kubeconfig behind.
 */
async function expectFailure(argv: string[], env: Record<string, string>, expected: { exit: number; code: string; mentions?: RegExp }): Promise<void> {
  const result = await run(argv, env);

  expect(result.stdout).toBe('');
  expect({ exit: result.code, code: errorCode(result.stderr) }).toEqual({ exit: expected.exit, code: expected.code });
  if (expected.mentions) {
    expect(result.stderr).toMatch(expected.mentions);
  }
}

describe('render, when the Pod environment is unusable, exits 1 with the core error code', () => {
  it('outside a Pod: NOT_IN_CLUSTER', async () => {
    await expectFailure([], {}, { exit: 1, code: 'NOT_IN_CLUSTER', mentions: /KUBERNETES_SERVICE_HOST/ });
  });

  it('without a token: SERVICE_ACCOUNT_NOT_MOUNTED', async () => {
    container.pod.remove('token');
    await expectFailure([], container.env, { exit: 1, code: 'SERVICE_ACCOUNT_NOT_MOUNTED', mentions: /automountServiceAccountToken/ });
  });

  it('with an empty token, when embedding it: EMPTY_TOKEN', async () => {
    container.pod.write('token', '');
    await expectFailure(['--credential', 'embedded', '--allow-embedded-token'], container.env, { exit: 1, code: 'EMPTY_TOKEN' });
  });

  it('with a ca.crt that cannot be read: UNREADABLE_FILE', async () => {
    // Tests run as root, which reads a chmod 000 file all the same; a directory in its place cannot be read by anyone.
    container.pod.remove('ca.crt');
    mkdirSync(container.pod.certificateAuthorityPath);
    await expectFailure([], container.env, { exit: 1, code: 'UNREADABLE_FILE', mentions: /ca\.crt/ });
  });

  it('with a ca.crt that is not PEM, when embedding it: INVALID_CERTIFICATE_AUTHORITY', async () => {
    container.pod.write('ca.crt', 'not a certificate');
    await expectFailure(['--embed-ca'], container.env, { exit: 1, code: 'INVALID_CERTIFICATE_AUTHORITY' });
  });

  it.each(['0', '65536', 'https', ''])('with KUBERNETES_SERVICE_PORT=%j: INVALID_ENVIRONMENT', async (port) => {
    await expectFailure([], { ...container.env, KUBERNETES_SERVICE_PORT: port }, { exit: 1, code: 'INVALID_ENVIRONMENT', mentions: /KUBERNETES_SERVICE_PORT/ });
  });

  it('with an invalid namespace in POD_NAMESPACE or the namespace file: INVALID_NAMESPACE', async () => {
    await expectFailure([], { ...container.env, POD_NAMESPACE: 'Team_A' }, { exit: 1, code: 'INVALID_NAMESPACE', mentions: /Team_A/ });
    container.pod.write('namespace', 'UPPER');
    await expectFailure([], container.env, { exit: 1, code: 'INVALID_NAMESPACE', mentions: /UPPER/ });
  });
});

describe('render, when the files are not where a flag or variable says, gives the fix in its terms', () => {
  it('names --service-account-dir when that flag gave the directory, not INCLUSTER_SERVICE_ACCOUNT_DIR', async () => {
    const nowhere = join(container.pod.serviceAccountDir, 'nowhere');

    const result = await run(['--service-account-dir', nowhere], container.env);

    expect({ exit: result.code, code: errorCode(result.stderr) }).toEqual({ exit: 1, code: 'SERVICE_ACCOUNT_NOT_MOUNTED' });
    expect(result.stderr).toContain(`Correct --service-account-dir ${nowhere}, or leave the flag out`);
    expect(result.stderr).not.toMatch(/point INCLUSTER_SERVICE_ACCOUNT_DIR/);
  });

  it('says to make a directory at the token path a regular file, as the doctor does, not to grant read access', async () => {
    container.pod.remove('token');
    mkdirSync(container.pod.tokenPath);

    const viaVariable = await run([], container.env);
    const viaFlag = await run(['--service-account-dir', container.pod.serviceAccountDir], container.env);

    for (const { stderr } of [viaVariable, viaFlag]) {
      expect(errorCode(stderr)).toBe('UNREADABLE_FILE');
      expect(stderr).toMatch(/token is not a regular file \(EISDIR\)\. Make it a regular file the container's user can read/);
      expect(stderr).not.toMatch(/read access/);
    }
    expect(viaFlag.stderr).toContain('or point --service-account-dir at another directory');
  });

  it('says both service variables are empty when they are, not that the other one is set', async () => {
    const result = await run([], { ...container.env, KUBERNETES_SERVICE_HOST: '', KUBERNETES_SERVICE_PORT: '' });

    expect(errorCode(result.stderr)).toBe('INVALID_ENVIRONMENT');
    expect(result.stderr).toContain('KUBERNETES_SERVICE_HOST is empty and KUBERNETES_SERVICE_PORT is empty.');
    expect(result.stderr).not.toMatch(/other service variable is set/);
  });
});

describe('render, with a flag value the core rejects, exits 2 with INVALID_OPTION', () => {
  it.each([
    [['--server', 'http://10.0.0.1'], /https/],
    [['--credential', 'password'], /use one of token-file, exec, token-file\+exec, embedded/],
    [['-n', 'no spaces'], /namespace option "no spaces"/],
    [['-n', 'Team_B'], /namespace option "Team_B"/],
    [['--context', ' '], /contextName must not be empty/],
    [['--proxy-url', 'http://proxy/a b'], /proxyUrl holds U\+0020 \(a space\) at index 14, which a URL cannot hold/],
    [['--tls-server-name', 'bücher.example'], /tlsServerName holds U\+00FC at index 1/],
  ])('refuses %j', async (argv, mentions) => {
    await expectFailure(argv as string[], container.env, { exit: 2, code: 'INVALID_OPTION', mentions });
  });

  it('says so even outside a Pod: options are checked before the environment', async () => {
    await expectFailure(['--credential', 'password'], {}, { exit: 2, code: 'INVALID_OPTION' });
  });
});

describe('render, when the command line is wrong, exits 2 with USAGE', () => {
  it.each([
    ['doctr', 'doctor'],
    ['credentail', 'credential'],
    ['rendr', 'render'],
  ])('suggests the nearest command for the mistyped %j, instead of taking it as an argument of render', async (typed, meant) => {
    await expectFailure([typed], container.env, { exit: 2, code: 'USAGE', mentions: new RegExp(`unknown command '${typed}' \\(Did you mean ${meant}\\?\\)`) });
  });

  it('points at --help for a word that is no command at all', async () => {
    await expectFailure(['kubeconfig'], container.env, { exit: 2, code: 'USAGE', mentions: /unknown command 'kubeconfig': see --help for the commands/ });
  });

  it('refuses to embed the token without --allow-embedded-token', async () => {
    await expectFailure(['--credential', 'embedded'], container.env, { exit: 2, code: 'USAGE', mentions: /--allow-embedded-token/ });
  });

  it.each([
    [['--bogus']],
    [['render', '--bogus']],
    [['render', 'extra-argument']],
    [['-o', 'xml']],
    [['--output-file']],
    [['help', 'no-such-command']],
  ])('refuses %j', async (argv) => {
    await expectFailure(argv, container.env, { exit: 2, code: 'USAGE' });
  });
});
