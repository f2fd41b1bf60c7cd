// What installing a package costs a Pod: `npm pack` each workspace package, then install its tarball (with the
// tarballs of the in-repo packages it depends on) into an empty directory, and weigh node_modules.
//
// The install is offline: every third-party package is pinned (npm `overrides`) to the version the repository's
// package-lock.json holds, which the npm cache already has from `npm ci`. So the figures are those of the lockfile's
// versions, and the benchmark talks to no registry.
const { spawnSync } = require('node:child_process');
const { lstatSync, mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const REPO = join(__dirname, '..');

/** npm without the npm_* variables `npm run` sets, which would point it back at the monorepo. */
function npm(args, cwd) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const result = spawnSync('npm', args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 180_000 });
  if (result.status !== 0) {
    const error = new Error(`npm ${args[0]} failed (exit ${result.status}): ${(result.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
    throw error;
  }
  return result.stdout;
}

function workspacePackages() {
  return readdirSync(join(REPO, 'packages'))
    .map((dir) => join(REPO, 'packages', dir))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    // A private package is never on npm (packages/python is on PyPI: bench/python.js measures its wheel).
    .filter(({ manifest }) => !manifest.private);
}

/** The third-party packages a package needs at run time, as the lockfile resolves them: name → versions. */
function lockedClosure(lock, rootDeps) {
  const packages = lock.packages;
  const versions = new Map();
  const seen = new Set();
  // Node's lookup: the nearest node_modules/<name> from where the dependent lives, up to the top.
  const locate = (from, name) => {
    let base = from;
    for (;;) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (packages[candidate]) {
        return candidate;
      }
      if (!base) {
        return undefined;
      }
      const cut = base.lastIndexOf('/node_modules/');
      base = cut < 0 ? '' : base.slice(0, cut);
    }
  };
  const visit = (from, deps) => {
    for (const name of Object.keys(deps ?? {})) {
      let location = locate(from, name);
      if (location && packages[location].link) {
        location = packages[location].resolved;
      }
      if (!location || seen.has(location)) {
        continue;
      }
      seen.add(location);
      const entry = packages[location];
      if (!location.startsWith('packages/')) {
        versions.set(name, new Set([...(versions.get(name) ?? []), entry.version]));
      }
      visit(location, { ...entry.dependencies, ...entry.optionalDependencies });
    }
  };
  visit('', rootDeps);
  return versions;
}

/** Every installed package under node_modules (scoped and nested ones too). */
function installedPackages(nodeModules) {
  const found = [];
  const walk = (dir) => {
    if (!existsSync(dir)) {
      return;
    }
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) {
        continue;
      }
      const path = join(dir, entry);
      if (entry.startsWith('@')) {
        for (const scoped of readdirSync(path)) {
          visitPackage(join(path, scoped));
        }
      } else {
        visitPackage(path);
      }
    }
  };
  const visitPackage = (path) => {
    if (existsSync(join(path, 'package.json'))) {
      const { name, version } = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
      found.push(`${name}@${version}`);
    }
    walk(join(path, 'node_modules'));
  };
  walk(nodeModules);
  return found;
}

/** Bytes of the regular files under a directory (symbolic links, such as node_modules/.bin, count nothing). */
function treeBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = lstatSync(path);
    if (stat.isDirectory()) {
      total += treeBytes(path);
    } else if (stat.isFile()) {
      total += stat.size;
    }
  }
  return total;
}

/**
 * Packs every workspace package into `workdir`, then installs each one's tarball (with its in-repo dependencies'
 * tarballs) into an empty directory of its own. Peer dependencies are left out: the program brings them.
 */
function measureFootprint(workdir, { log = () => {} } = {}) {
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8'));
  const packs = join(workdir, 'tarballs');
  mkdirSync(packs, { recursive: true });
  const packages = workspacePackages();
  const tarballs = new Map();
  for (const { dir, manifest } of packages) {
    log(`npm pack ${manifest.name}`);
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', packs, '--loglevel=error'], dir));
    tarballs.set(manifest.name, { path: join(packs, packed.filename), packed });
  }
  const byName = new Map(packages.map((pkg) => [pkg.manifest.name, pkg]));
  const inRepoClosure = (name, into = new Set()) => {
    into.add(name);
    for (const dep of Object.keys(byName.get(name).manifest.dependencies ?? {})) {
      if (byName.has(dep) && !into.has(dep)) {
        inRepoClosure(dep, into);
      }
    }
    return into;
  };

  const results = [];
  for (const { manifest } of packages) {
    const { packed } = tarballs.get(manifest.name);
    const row = {
      name: manifest.name,
      runtimeDependencies: Object.keys(manifest.dependencies ?? {}),
      peerDependencies: Object.keys(manifest.peerDependencies ?? {}),
      tarballBytes: packed.size,
      unpackedBytes: packed.unpackedSize,
      files: packed.entryCount,
    };
    const target = join(workdir, manifest.name.replace('/', '__'));
    mkdirSync(target, { recursive: true });
    const pins = {};
    for (const [name, versions] of lockedClosure(lock, manifest.dependencies)) {
      if (versions.size === 1) {
        pins[name] = [...versions][0];
      }
    }
    writeFileSync(join(target, 'package.json'), `${JSON.stringify({ name: 'incluster-footprint', private: true, overrides: pins }, null, 2)}\n`);
    const own = [...inRepoClosure(manifest.name)].map((name) => tarballs.get(name).path);
    log(`npm install ${manifest.name} into an empty directory`);
    try {
      npm(['install', '--offline', '--omit=dev', '--omit=peer', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', ...own], target);
      const installed = installedPackages(join(target, 'node_modules'));
      row.installedBytes = treeBytes(join(target, 'node_modules'));
      row.installedPackages = installed.length;
      // Everything installed but the package itself: its in-repo dependencies count, as any other.
      row.dependencyCount = installed.filter((id) => !id.startsWith(`${manifest.name}@`)).length;
      row.installedDir = target;
    } catch (error) {
      row.error = error.message;
    }
    results.push(row);
  }
  return results;
}

module.exports = { measureFootprint };
