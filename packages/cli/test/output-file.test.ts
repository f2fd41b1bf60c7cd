import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInClusterKubeconfig, toYaml } from '@incluster/core';
import { writeFileAtomically } from '../src';
import { useContainer } from './support/simulated-pod';
import { errorCode, run } from './support/run';

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
