import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInClusterKubeconfig, toYaml } from '@incluster/core';
import { compileCacheDirectory, privateCacheDirectory } from '../src/compile-cache';
import { copyBuiltBinary, runBinary } from './support/run';
import { useContainer } from './support/simulated-pod';

const UID = process.getuid!();
const DEBUG = { NODE_DEBUG: 'incluster-kubeconfig' };

let temp: string;
beforeEach(() => (temp = mkdtempSync(join(tmpdir(), 'incluster-compile-cache-'))));
afterEach(() => rmSync(temp, { recursive: true, force: true }));

describe("the compile cache's directory", () => {
  it("is this user's, under the temporary directory, created with mode 0700", () => {
    const directory = join(temp, `incluster-kubeconfig-compile-cache-${UID}`);

    expect(privateCacheDirectory({ uid: UID, temporaryDirectory: temp, env: {} })).toEqual({ directory });
    expect(statSync(directory).mode & 0o777).toBe(0o700);
    expect(compileCacheDirectory(UID, temp)).toBe(directory);
  });

  it("is refused when another user owns it: V8 would run the code it finds there", () => {
    // This process creates the directory named for uid+1, so it is owned by someone other than that user.
    expect(privateCacheDirectory({ uid: UID + 1, temporaryDirectory: temp, env: {} })).toEqual({
      reason: expect.stringContaining('not a directory only this user can write'),
    });
  });

  it('is refused when others can write to it, or when a symbolic link stands in its place', () => {
    const directory = compileCacheDirectory(UID, temp);
    mkdirSync(directory);
    chmodSync(directory, 0o777);
    expect(privateCacheDirectory({ uid: UID, temporaryDirectory: temp, env: {} })).toHaveProperty('reason');

    rmSync(directory, { recursive: true });
    mkdirSync(join(temp, 'elsewhere'), { mode: 0o700 });
    symlinkSync(join(temp, 'elsewhere'), directory);
    expect(privateCacheDirectory({ uid: UID, temporaryDirectory: temp, env: {} })).toHaveProperty('reason');
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE, and never throws: an unwritable temporary directory just means none', () => {
    expect(privateCacheDirectory({ uid: UID, temporaryDirectory: temp, env: { NODE_DISABLE_COMPILE_CACHE: '1' } })).toEqual({ reason: 'NODE_DISABLE_COMPILE_CACHE is set' });
    expect(readdirSync(temp)).toEqual([]);

    const file = join(temp, 'a-file');
    writeFileSync(file, '');
    expect(privateCacheDirectory({ uid: UID, temporaryDirectory: file, env: {} })).toEqual({ reason: expect.stringContaining('ENOTDIR') });
  });
});

describe(`the built binary's compile cache, on Node ${process.versions.node}`, () => {
  const container = useContainer();
  const kubeconfig = () => toYaml(loadInClusterKubeconfig({ env: container.env }));
  const cacheLine = (stderr: string) => /^incluster-kubeconfig: compile cache: ([^:/]+)/.exec(stderr)?.[1]?.trim();

  it('is marked by the first run, written by the second at exit, and used by the next, each printing the same kubeconfig', () => {
    const env = { ...container.env, ...DEBUG, TMPDIR: temp };

    const runs = [runBinary([], env), runBinary([], env), runBinary([], env)];

    expect(runs.map((run) => [run.code, run.stdout === kubeconfig(), cacheLine(run.stderr)])).toEqual([
      [0, true, 'first run, marked'],
      [0, true, 'written'],
      [0, true, 'used'],
    ]);
    const [entry] = readdirSync(compileCacheDirectory(UID, temp));
    expect(entry).toMatch(new RegExp(`^[0-9a-f]{8}-${process.version}-${process.arch}\\.v8$`));
    expect(statSync(join(compileCacheDirectory(UID, temp), entry)).mode & 0o777).toBe(0o600);
  });

  it('is not used for a bundle written since, even one of the same size: it is compiled afresh', () => {
    // A copy of the package's binary, whose bundle this test may rewrite.
    const copy = join(temp, 'package');
    const binary = copyBuiltBinary(copy);
    const env = { ...container.env, ...DEBUG, TMPDIR: join(temp, 'tmp') };
    mkdirSync(env.TMPDIR);
    const run = () => {
      const result = runBinaryAt(binary, env);
      return [result.code, result.stdout === kubeconfig(), cacheLine(result.stderr)];
    };

    expect([run(), run(), run()]).toEqual([[0, true, 'first run, marked'], [0, true, 'written'], [0, true, 'used']]);
    const bundle = join(copy, 'bin', 'main.js');
    writeFileSync(bundle, readFileSync(bundle));
    expect([run(), run(), run()]).toEqual([[0, true, 'first run, marked'], [0, true, 'written'], [0, true, 'used']]);
  });

  it('is off, and the kubeconfig the same, when the temporary directory cannot be written (a read-only root file system)', () => {
    const file = join(temp, 'not-a-directory');
    writeFileSync(file, '');

    const result = runBinary([], { ...container.env, ...DEBUG, TMPDIR: file });

    expect([result.code, result.stdout, cacheLine(result.stderr)]).toEqual([0, kubeconfig(), 'off']);
    expect(runBinary([], { ...container.env, TMPDIR: file })).toEqual({ code: 0, stdout: kubeconfig(), stderr: '' });
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE', () => {
    const result = runBinary([], { ...container.env, ...DEBUG, TMPDIR: temp, NODE_DISABLE_COMPILE_CACHE: '1' });

    expect([result.code, result.stdout, result.stderr]).toEqual([0, kubeconfig(), 'incluster-kubeconfig: compile cache: off: NODE_DISABLE_COMPILE_CACHE is set\n']);
    expect(readdirSync(temp)).toEqual([]);
  });
});

function runBinaryAt(binary: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [binary], { env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
