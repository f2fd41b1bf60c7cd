import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ETCD, type PinnedBinary, resolvePinnedBinary } from '../src/toolchain';

/** A recipe that "builds" a shell script, counting how often it was built. */
function fakeBinary(counter: string): PinnedBinary {
  return {
    name: 'fake-tool',
    version: 'v1.2.3',
    envVar: 'INCLUSTER_FAKE_TOOL',
    versionCheck: { args: ['--version'], pattern: /^fake-tool v1\.2\.3$/m },
    expectedBuild: 'a moment',
    build: async (_go, workDir) => {
      writeFileSync(counter, `${readFileSync(counter, 'utf8')}x`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const path = join(workDir, 'fake-tool');
      writeFileSync(path, '#!/bin/sh\necho fake-tool v1.2.3\n', { mode: 0o755 });
      return path;
    },
  };
}

describe('pinned binaries', () => {
  let cache: string;
  beforeEach(() => (cache = mkdtempSync(join(tmpdir(), 'incluster-toolchain-test-'))));
  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  it('are built once into the cache, even when several callers ask at once, and reused afterwards', async () => {
    const counter = join(cache, 'builds');
    writeFileSync(counter, '');
    const binary = fakeBinary(counter);
    const env = { INCLUSTER_TOOLCHAIN_CACHE: cache };
    const paths = await Promise.all([resolvePinnedBinary(binary, env), resolvePinnedBinary(binary, env), resolvePinnedBinary(binary, env)]);
    expect(new Set(paths)).toEqual(new Set([join(cache, 'fake-tool-v1.2.3', 'fake-tool')]));
    expect(await resolvePinnedBinary(binary, env)).toBe(paths[0]);
    expect(readFileSync(counter, 'utf8')).toBe('x');
  });

  it('are taken from their environment variable when it names the pinned version', async () => {
    const given = join(cache, 'given-tool');
    writeFileSync(given, '#!/bin/sh\necho fake-tool v1.2.3\n', { mode: 0o755 });
    expect(await resolvePinnedBinary(fakeBinary(join(cache, 'unused')), { INCLUSTER_FAKE_TOOL: given })).toBe(given);
  });

  it('refuse a binary from the environment that reports another version, naming the variable and the pin', async () => {
    const wrong = join(cache, 'old-etcd');
    writeFileSync(wrong, '#!/bin/sh\necho "etcd Version: 3.4.30"\n', { mode: 0o755 });
    await expect(resolvePinnedBinary(ETCD, { INCLUSTER_ETCD: wrong })).rejects.toThrow(
      `INCLUSTER_ETCD is ${wrong}, which reports "etcd Version: 3.4.30", but the tests are pinned to etcd v3.6.16`,
    );
  });

  it('say which tool is missing and which variable to set when there is no Go to build with', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(resolvePinnedBinary(ETCD, { INCLUSTER_TOOLCHAIN_CACHE: cache })).rejects.toThrow(
        /etcd v3\.6\.16 has to be built \(or set INCLUSTER_ETCD to a prebuilt v3\.6\.16 binary\), which needs Go 1\.26\.6 or later, and there is no go on PATH\. Install Go/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
