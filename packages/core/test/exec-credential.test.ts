import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXEC_CREDENTIAL_LIFETIME_SECONDS, type ExecConfig, type PodEnvironment, renderKubeconfig } from '../src';

// The exec credential is run here for real, by the same /bin/sh (dash on Debian) that a Pod's image would have.
describe('the exec credential script', () => {
  let root: string;
  let saDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'incluster-exec-'));
    saDir = join(root, `it's a "service account" $(touch pwned) \`touch pwned\``);
    mkdirSync(saDir);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function execConfig(): ExecConfig {
    const pod: PodEnvironment = {
      host: '10.96.0.1',
      port: 443,
      serviceAccountDir: saDir,
      tokenPath: join(saDir, 'token'),
      certificateAuthorityPath: join(saDir, 'ca.crt'),
      namespace: 'default',
      namespaceSource: 'default',
    };
    return renderKubeconfig(pod, { credential: 'exec' }).users[0].user.exec!;
  }

  function run(env: NodeJS.ProcessEnv = { PATH: process.env.PATH }) {
    const exec = execConfig();
    const result = spawnSync(exec.command, exec.args, { cwd: root, env, encoding: 'utf8' });
    return { ...result, credential: result.status === 0 ? JSON.parse(result.stdout) : undefined };
  }

  it('prints a v1 ExecCredential with the token as it is on disk at call time', () => {
    writeFileSync(join(saDir, 'token'), 'first.token\n');
    expect(run().credential).toMatchObject({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { token: 'first.token' },
    });

    writeFileSync(join(saDir, 'token'), 'rotated.token');
    expect(run().credential.status.token).toBe('rotated.token');

    writeFileSync(join(saDir, 'token'), '  padded.token\t\n');
    expect(run().credential.status.token).toBe('padded.token');
  });

  it(`expires the credential at most ${EXEC_CREDENTIAL_LIFETIME_SECONDS} s ahead, so clients re-run it after a rotation`, () => {
    writeFileSync(join(saDir, 'token'), 'a.token');
    const before = Math.floor(Date.now() / 1000);
    const expiry = Date.parse(run().credential.status.expirationTimestamp) / 1000;
    const after = Math.ceil(Date.now() / 1000);
    expect(expiry).toBeGreaterThanOrEqual(before + EXEC_CREDENTIAL_LIFETIME_SECONDS);
    expect(expiry).toBeLessThanOrEqual(after + EXEC_CREDENTIAL_LIFETIME_SECONDS);
  });

  /** Seconds from now to the expiry the script prints when `date` fails on the arguments `refused` matches. */
  function expiryWithDateRefusing(refused: string): number {
    writeFileSync(join(saDir, 'token'), 'a.token');
    const bin = join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'date'), `#!/bin/sh\nfor a; do case $a in ${refused}) exit 1 ;; esac; done\nexec /bin/date "$@"\n`);
    chmodSync(join(bin, 'date'), 0o755);
    const expiry = Date.parse(run({ PATH: `${bin}:/usr/bin:/bin` }).credential.status.expirationTimestamp);
    return (expiry - Date.now()) / 1000;
  }

  it("computes the expiry with busybox's date -d @N where relative dates are not understood", () => {
    expect(Math.abs(expiryWithDateRefusing('-v|*seconds') - EXEC_CREDENTIAL_LIFETIME_SECONDS)).toBeLessThan(5);
  });

  it('falls back to expiring now where date cannot compute the future (it is then merely run more often)', () => {
    expect(Math.abs(expiryWithDateRefusing('-d|-v'))).toBeLessThan(5);
  });

  it('treats the path as data: quotes, spaces and $(…) in it run nothing', () => {
    writeFileSync(join(saDir, 'token'), 'a.token');
    expect(run().status).toBe(0);
    expect(existsSync(join(root, 'pwned'))).toBe(false);
  });

  it.each([
    ['does not exist', undefined, /token file .* does not exist; mount the Pod's service account/],
    ['is empty', '\n', /token file .* is empty/],
    ['holds characters a token cannot have', 'a"b\\c', /holds characters a bearer token cannot have/],
  ])('fails with a message on stderr and no output when the token %s', (_case, content, message) => {
    if (content !== undefined) {
      writeFileSync(join(saDir, 'token'), content);
    }
    const result = run();
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});
