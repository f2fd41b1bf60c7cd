import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInClusterKubeconfig, toYaml } from '@incluster/core';
import { writeFileAtomically } from '../src';
import { useContainer } from './support/simulated-pod';
import { BUILT_BINARY, errorCode, run, runBinary, runToCompletion } from './support/run';

const container = useContainer();
let out: string;
beforeEach(() => (out = mkdtempSync(join(tmpdir(), 'incluster-out-'))));
afterEach(() => rmSync(out, { recursive: true, force: true }));

/** Every file under a directory, relative to it: what a failed write must leave unchanged. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' }).sort();
}

describe('render --output-file', () => {
  it('writes the kubeconfig with mode 0600 instead of printing it, creating missing directories', async () => {
    const target = join(out, 'home', '.kube', 'config');

    const result = await run(['--output-file', target], container.env);

    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(target, 'utf8')).toBe(toYaml(loadInClusterKubeconfig({ env: container.env })));
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('replaces an existing file by renaming a complete new one over it, leaving no temporary file', async () => {
    const target = join(out, 'config');
    writeFileSync(target, 'old kubeconfig', { mode: 0o644 });
    const before = statSync(target).ino;

    await run(['--output-file', target, '-o', 'json'], container.env);

    expect(JSON.parse(readFileSync(target, 'utf8')).kind).toBe('Config');
    expect(statSync(target).ino).not.toBe(before);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(filesUnder(out)).toEqual(['config']);
  });

  it('writes nothing when the render fails, and leaves an existing file as it was', async () => {
    const target = join(out, 'config');
    writeFileSync(target, 'old kubeconfig');

    const result = await run(['--output-file', target], {});

    expect(result.code).toBe(1);
    expect(errorCode(result.stderr)).toBe('NOT_IN_CLUSTER');
    expect(readFileSync(target, 'utf8')).toBe('old kubeconfig');
    expect(filesUnder(out)).toEqual(['config']);
  });

  it('fails with OUTPUT_FILE and exit 1 when the parent is a regular file, creating nothing', async () => {
    writeFileSync(join(out, 'not-a-directory'), '');

    const result = await run(['--output-file', join(out, 'not-a-directory', 'config')], container.env);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(errorCode(result.stderr)).toBe('OUTPUT_FILE');
    expect(result.stderr).toContain(join(out, 'not-a-directory', 'config'));
    expect(filesUnder(out)).toEqual(['not-a-directory']);
  });

  it('fails with OUTPUT_FILE when the target is a directory, leaving no temporary file', async () => {
    mkdirSync(join(out, 'config'));

    const result = await run(['--output-file', join(out, 'config')], container.env);

    expect(result.code).toBe(1);
    expect(errorCode(result.stderr)).toBe('OUTPUT_FILE');
    expect(filesUnder(out)).toEqual(['config']);
  });
});

describe('render --output-file, where the file cannot be created', () => {
  it.each(['--output-file', '--service-account-dir', 'credential --token-file'])(
    'refuses an empty %s, as an unset shell variable gives, as a usage error (exit 2), writing nothing',
    async (flag) => {
      const result = await run([...flag.split(' '), ''], container.env);

      expect({ code: result.code, stdout: result.stdout, error: errorCode(result.stderr) }).toEqual({ code: 2, stdout: '', error: 'USAGE' });
      expect(result.stderr).toMatch(/argument '' is invalid\. It is empty, as an unset shell variable makes it: give a path\./);
      expect(filesUnder(out)).toEqual([]);
    },
  );

  it('says the file system is read-only when a missing directory is on one', () => {
    // A read-only tmpfs in a mount namespace of the binary's own: root is not needed, only user namespaces.
    const readOnly = join(out, 'read-only');
    mkdirSync(readOnly);
    const script = 'mount -t tmpfs -o ro tmpfs "$1" || exit 125; shift; exec "$@"';
    const target = join(readOnly, 'missing', 'config');

    const result = runToCompletion(
      'unshare',
      ['--map-root-user', '--mount', 'sh', '-c', script, 'sh', readOnly, process.execPath, BUILT_BINARY, 'render', '--output-file', target],
      { ...container.env, PATH: process.env.PATH ?? '/usr/bin:/bin' },
    );

    if (result.code === 125 || /unshare: /.test(result.stderr)) {
      throw new Error(`this test mounts a read-only tmpfs with unshare (util-linux), which needs user namespaces or root: ${result.stderr.trim()}`);
    }
    expect({ code: result.code, stdout: result.stdout, error: errorCode(result.stderr) }).toEqual({ code: 1, stdout: '', error: 'OUTPUT_FILE' });
    expect(result.stderr).toContain(`cannot write ${target}: the file system is read-only: write to a volume mounted read-write`);
    expect(result.stderr).toMatch(/EROFS: read-only file system, mkdir '.*missing'/);
  });

  it('fails at once under /proc, where no directory can be made, instead of spinning', () => {
    const target = '/proc/incluster-no-such-directory/deeper/config';

    const result = runBinary(['render', '--output-file', target], container.env);

    expect({ code: result.code, stdout: result.stdout, error: errorCode(result.stderr) }).toEqual({ code: 1, stdout: '', error: 'OUTPUT_FILE' });
    expect(result.stderr).toContain("mkdir '/proc/incluster-no-such-directory'");
  });
});

describe('writeFileAtomically', () => {
  it('removes its temporary file and rethrows when the rename fails', () => {
    mkdirSync(join(out, 'taken'));

    expect(() => writeFileAtomically(join(out, 'taken'), 'content')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(filesUnder(out)).toEqual(['taken']);
  });

  it('writes a file whose name is as long as a name may be', () => {
    const longest = join(out, 'k'.repeat(255));
    writeFileAtomically(longest, 'content');
    expect(readFileSync(longest, 'utf8')).toBe('content');
  });

  it('removes the directories it created when the write fails, and reports the failure itself', () => {
    expect(() => writeFileAtomically(join(out, 'new', 'deeper', 'k'.repeat(256)), 'content')).toThrow(/ENAMETOOLONG/);
    expect(filesUnder(out)).toEqual([]);
  });

  it('ends up 0600 whatever the umask', () => {
    const previous = process.umask(0o277);
    try {
      writeFileAtomically(join(out, 'file'), 'content');
    } finally {
      process.umask(previous);
    }
    expect(statSync(join(out, 'file')).mode & 0o777).toBe(0o600);
  });
});
