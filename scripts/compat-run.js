#!/usr/bin/env node
// The compatibility run, the last step of .ci/run: every package as a user gets it (its `npm pack` tarball, installed
// by npm into a scratch project), tested on each Node.js version the packages' `engines` claim, with the oldest and the
// newest peer versions their `peerDependencies` claim. docs/README.md lists the matrix this proves.
//
//   node scripts/compat-run.js            the whole matrix (needs the packages built: npm run compile)
//   node scripts/compat-run.js --keep     the same, keeping the scratch projects and printing where they are
//   node scripts/compat-run.js --ranges   only the checks of the ranges and of docs/README.md against the matrix
//
// In each cell, Jest runs each package's test/ directory, unchanged, against the installed package: the scratch
// project mirrors the repository's layout (packages/<name>/test, docs/, examples/), and packages/<name>/src is a link
// to the installed package's lib/, so a test's `import … from '../src'` loads the shipped JavaScript. Tests are only
// transpiled here (npm test type-checks them). The conformance suite's rotation section, which waits past client-go's
// one-minute refresh window, is left out with INCLUSTER_CONFORMANCE_SKIP=rotation and shows as skipped: `npm test`
// runs it for every credential mode. The client-node adapter's rotation test runs in every cell, beside the others.
//
// Before anything is installed, the run checks that every `engines` and peer range claims what the matrix tests (its
// floor is the oldest version tested, it holds every version tested, and no major line past the newest one tested),
// and that docs/README.md's table names every version tested.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, relative } = require('node:path');
const semver = require('semver');
const { CELLS, PEER_SETS } = require('./compat-matrix');

const REPO = join(__dirname, '..');

/**
 * The test tools: the repository's own, which `npm ci` installed, linked into each scratch project. They load their
 * own dependencies from the repository; the packages under test load theirs from the scratch project only.
 */
const TEST_TOOLS = ['jest', 'ts-jest', 'typescript', 'ts-node', 'fast-check'];

/** Test files left out of every cell (and named in the summary): npm test runs them. */
const REAL_CLUSTER = 'proves what a real kube-apiserver does with the kubeconfig, which does not depend on the Node.js of its client';
const LEFT_OUT_TESTS = {
  'cli/test/guides.test.ts': "runs the guides' commands, some of them the repository's own (npx projen …), from the repository's root",
  'core/test/conformance-real.test.ts': REAL_CLUSTER,
  'cli/test/conformance-real.test.ts': REAL_CLUSTER,
  'cli/test/doctor-probe-real.test.ts': REAL_CLUSTER,
  'pulumi-adapter/test/conformance-real.test.ts': REAL_CLUSTER,
  'testkit/test/real-cluster.test.ts': 'tests the real cluster itself',
  'cli/test/docs-typescript.test.ts': "type-checks the repository's docs against its sources, not the packed packages",
  'cli/test/unprivileged.test.ts': "runs the binary as another user, who cannot reach the Node.js binaries in root's cache",
  'core/test/readers.test.ts': "checks, 10,000 cases long, the yaml library's output against client-go and PyYAML, which does not depend on the Node.js",
};

/**
 * Test files that run in the newest cell only: the real Pulumi engine runs examples/pulumi-typescript with the newest
 * SDK on the newest Node.js (npm test runs it with the repository's SDK on Node 20).
 */
const NEWEST_CELL_ONLY = ['pulumi-adapter/test/real-engine.test.ts'];

/** The conformance suite's sections left out in every cell (src/conformance/skipped-sections.ts in the testkit). */
const SKIPPED_CONFORMANCE_SECTIONS = 'rotation';

const KEEP = process.argv.includes('--keep');
const RANGES_ONLY = process.argv.includes('--ranges');
const log = (text) => process.stderr.write(`compat-run: ${text}\n`);

class CompatError extends Error {}

async function main() {
  const started = Date.now();
  const packages = workspacePackages();
  checkRanges(packages);
  checkDocs();
  if (RANGES_ONLY) {
    return;
  }
  const nodes = Object.fromEntries(CELLS.map(({ node }) => [node, installNode(node)]));
  const workdir = mkdtempSync(join(tmpdir(), 'incluster-compat-'));
  const results = [];
  try {
    const tarballs = pack(packages, join(workdir, 'tarballs'));
    const projects = {};
    for (const [name, peers] of Object.entries(PEER_SETS)) {
      // npm runs on the newest Node of the cells that use the set, as the user of that set would run it.
      const node = nodes[CELLS.filter((cell) => cell.peers === name).map((cell) => cell.node).sort(semver.rcompare)[0]];
      projects[name] = prepareProject(join(workdir, name), { packages, tarballs, peers, node });
    }
    const newest = CELLS.map((cell) => cell.node).sort(semver.rcompare)[0];
    for (const cell of CELLS) {
      results.push(await runCell(cell, nodes[cell.node], jestConfig(projects[cell.peers], { newest: cell.node === newest }), workdir));
    }
  } finally {
    if (KEEP) {
      log(`kept the scratch projects in ${workdir}`);
    } else {
      rmSync(workdir, { recursive: true, force: true });
    }
  }
  process.stdout.write(summary(results, Math.round((Date.now() - started) / 1000)));
  if (results.some((result) => !result.passed)) {
    throw new CompatError(`failed on ${results.filter((result) => !result.passed).map((result) => `Node ${result.node} with the ${result.peers} peers`).join('; ')}`);
  }
}

/** The npm packages: the private workspace of the Python distribution is tested by its own task. */
function workspacePackages() {
  return readdirSync(join(REPO, 'packages'))
    .filter((dir) => existsSync(join(REPO, 'packages', dir, 'package.json')))
    .map((dir) => ({ dir, path: join(REPO, 'packages', dir), manifest: JSON.parse(readFileSync(join(REPO, 'packages', dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
}

/**
 * Every range must claim what the matrix tests, as a caret range does for one major line: it starts at the oldest
 * version tested, holds every version tested, each of its `||` alternatives holds one, and it stops before the major
 * line after the newest one tested.
 */
function checkRanges(packages) {
  const problems = [];
  const claim = (what, range, tested) => {
    const sorted = [...new Set(tested)].sort(semver.compare);
    const floor = semver.minVersion(range)?.version;
    if (floor !== sorted[0]) {
      problems.push(`${what} is "${range}", whose floor ${floor} is not the oldest version tested, ${sorted[0]}`);
    }
    for (const version of sorted.filter((version) => !semver.satisfies(version, range))) {
      problems.push(`${what} is "${range}", which leaves out ${version}, a version tested`);
    }
    for (const alternative of range.split('||').map((part) => part.trim())) {
      if (!sorted.some((version) => semver.satisfies(version, alternative))) {
        problems.push(`${what} is "${range}", whose part "${alternative}" holds no version tested`);
      }
    }
    const beyond = `${semver.major(sorted.at(-1)) + 1}.0.0`;
    if (semver.satisfies(beyond, range)) {
      problems.push(`${what} is "${range}", which claims ${beyond} and later, past the newest version tested, ${sorted.at(-1)}`);
    }
  };
  for (const { manifest } of packages) {
    claim(`${manifest.name}'s engines.node`, manifest.engines?.node ?? '*', CELLS.map((cell) => cell.node));
    for (const [peer, range] of Object.entries(manifest.peerDependencies ?? {})) {
      claim(`${manifest.name}'s peer ${peer}`, range, Object.values(PEER_SETS).map((set) => set[peer]));
    }
  }
  if (problems.length > 0) {
    throw new CompatError(`the ranges claim what this run does not test (edit .projenrc.ts, or scripts/compat-matrix.js):\n  ${problems.join('\n  ')}`);
  }
  log('every engines and peer range claims what this run tests: from the oldest version tested to the newest major line tested');
}

/** docs/README.md's table of supported versions must name every version the matrix tests. */
function checkDocs() {
  const doc = readFileSync(join(REPO, 'docs', 'README.md'), 'utf8');
  const section = /^## Supported versions$([\s\S]*?)^## /m.exec(doc)?.[1] ?? '';
  const versions = [...CELLS.map((cell) => cell.node), ...Object.values(PEER_SETS).flatMap((set) => Object.values(set))];
  const missing = [...new Set(versions)].filter((version) => !section.includes(`| ${version}`));
  if (missing.length > 0) {
    throw new CompatError(`docs/README.md's "Supported versions" table does not name ${missing.join(', ')}: update it to scripts/compat-matrix.js`);
  }
}

function installNode(version) {
  const result = spawnSync('bash', [join(__dirname, 'install-node.sh'), version], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new CompatError(`scripts/install-node.sh ${version} failed (its error is above)`);
  }
  return result.stdout.trim();
}

/** `npm pack` of each package, as built: what the registry would receive. */
function pack(packages, into) {
  mkdirSync(into, { recursive: true });
  const tarballs = {};
  for (const { path, manifest } of packages) {
    if (!existsSync(join(path, 'lib', 'index.js'))) {
      throw new CompatError(`${relative(REPO, path)}/lib is missing: build the packages first (npm run compile)`);
    }
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', into, '--loglevel=error'], { cwd: path }));
    tarballs[manifest.name] = join(into, packed.filename);
  }
  log(`packed ${Object.keys(tarballs).join(', ')}`);
  return tarballs;
}

/**
 * A user's project: the tarballs and the peers at exact versions, installed by npm; then the repository's tests
 * beside them, in the repository's layout, and the test tools linked in.
 */
function prepareProject(dir, { packages, tarballs, peers, node }) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'incluster-compat', private: true }, null, 2)}\n`);
  const specs = [...Object.values(tarballs), ...Object.entries(peers).map(([name, version]) => `${name}@${version}`)];
  log(`npm install in ${dir} (npm on Node ${nodeVersion(node)}): ${Object.keys(tarballs).length} tarballs, ${specs.slice(Object.keys(tarballs).length).join(', ')}`);
  const started = Date.now();
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs], { cwd: dir, node });
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  checkInstalledPeers(dir, peers);
  // Where npm installed a tool for a package's own sake, that copy stays.
  for (const tool of TEST_TOOLS.filter((tool) => !existsSync(join(dir, 'node_modules', tool)))) {
    symlinkSync(join(REPO, 'node_modules', tool), join(dir, 'node_modules', tool));
  }

  for (const { dir: name, path, manifest } of packages) {
    const installed = join(dir, 'node_modules', manifest.name);
    const tests = join(dir, 'packages', name);
    mkdirSync(tests, { recursive: true });
    cpSync(join(path, 'test'), join(tests, 'test'), { recursive: true });
    // The tests' view of their package: its shipped files, and src/ standing for the shipped lib/.
    for (const entry of readdirSync(installed).filter((entry) => entry !== 'node_modules')) {
      symlinkSync(join(installed, entry), join(tests, entry));
    }
    symlinkSync(join(installed, 'lib'), join(tests, 'src'));
  }
  // The guides and examples the CLI's tests run, and the documents the testkit's and the CLI's tests compare.
  for (const shared of ['docs', 'README.md']) {
    symlinkSync(join(REPO, shared), join(dir, shared));
  }
  // A copy of the TypeScript example, not a link: run by the real engine, it loads the project's packages and peers.
  mkdirSync(join(dir, 'examples'));
  for (const example of readdirSync(join(REPO, 'examples'))) {
    const from = join(REPO, 'examples', example);
    example === 'pulumi-typescript' ? cpSync(from, join(dir, 'examples', example), { recursive: true }) : symlinkSync(from, join(dir, 'examples', example));
  }
  return { dir, packages };
}

/** The cell's Jest configuration: every package's test/, but the files left out, and those of the newest cell only. */
function jestConfig(project, { newest }) {
  const leftOut = [...Object.keys(LEFT_OUT_TESTS), ...(newest ? [] : NEWEST_CELL_ONLY)];
  const projects = project.packages.map(({ dir: name }) => ({
    displayName: name,
    rootDir: join(project.dir, 'packages', name),
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    testPathIgnorePatterns: leftOut.filter((test) => test.startsWith(`${name}/`)).map((test) => `<rootDir>/${test.slice(name.length + 1)}$`),
    transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs', target: 'es2022', esModuleInterop: true, resolveJsonModule: true, isolatedModules: true } }] },
    testEnvironmentOptions: { globalsCleanup: 'off' },
    // As in npm test: the real clusters a test file starts are ended if its worker crashes.
    globalTeardown: join(project.dir, 'node_modules', '@incluster', 'testkit', 'lib', 'cluster', 'real', 'global-teardown.js'),
    clearMocks: true,
  }));
  const path = join(project.dir, `jest.config${newest ? '.newest' : ''}.json`);
  writeFileSync(path, `${JSON.stringify({ projects, testTimeout: 30_000 }, null, 2)}\n`);
  return path;
}

/** The peers npm installed must be the ones asked for, once each: one @pulumi/pulumi, as the adapter requires. */
function checkInstalledPeers(dir, peers) {
  const tree = JSON.parse(npm(['ls', '--all', '--json', ...Object.keys(peers)], { cwd: dir, allowFailure: true }));
  for (const [name, version] of Object.entries(peers)) {
    const found = new Set();
    const walk = (deps) => {
      for (const [dep, info] of Object.entries(deps ?? {})) {
        if (dep === name && info.version) {
          found.add(info.version);
        }
        walk(info.dependencies);
      }
    };
    walk(tree.dependencies);
    // The testkit's own @kubernetes/client-node (a dependency, ~1.4) is not the peer: it runs in its own process.
    const extra = [...found].filter((v) => v !== version && !(name === '@kubernetes/client-node' && semver.satisfies(v, '~1.4.0')));
    if (!found.has(version) || extra.length > 0) {
      throw new CompatError(`${dir}: expected ${name}@${version} only, npm installed ${[...found].join(', ') || 'none'}`);
    }
  }
}

async function runCell(cell, node, config, workdir) {
  const version = nodeVersion(node);
  log(`Node ${version} with the ${cell.peers} peers: every package's tests, the conformance suite's ${SKIPPED_CONFORMANCE_SECTIONS} section skipped`);
  const report = join(workdir, `jest-${cell.node}.json`);
  const started = Date.now();
  const status = await new Promise((resolve, reject) => {
    const child = spawn(
      node,
      [join(REPO, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', config, '--ci', '--maxWorkers=2', '--json', '--outputFile', report],
      { cwd: dirname(config), stdio: 'inherit', env: { ...cleanEnv(node), INCLUSTER_CONFORMANCE_SKIP: SKIPPED_CONFORMANCE_SECTIONS } },
    );
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  const jest = existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : undefined;
  return {
    node: version,
    peers: cell.peers,
    passed: status === 0 && jest?.success === true,
    suites: jest?.numTotalTestSuites ?? 0,
    failedSuites: jest?.numFailedTestSuites ?? 0,
    tests: { passed: jest?.numPassedTests ?? 0, skipped: (jest?.numPendingTests ?? 0) + (jest?.numTodoTests ?? 0), failed: jest?.numFailedTests ?? 0 },
    seconds,
  };
}

function summary(results, seconds) {
  const peers = (name) => Object.entries(PEER_SETS[name]).map(([peer, version]) => `${peer.split('/')[1]} ${version}`).join(', ');
  const lines = [
    '',
    '## Compatibility run',
    '',
    '| Node.js | peers | test files | files failed | tests passed | skipped | failed | time |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
    ...results.map((r) => `| ${r.node} | ${r.peers}: ${peers(r.peers)} | ${r.suites} | ${r.failedSuites} | ${r.tests.passed} | ${r.tests.skipped} | ${r.tests.failed} | ${r.seconds} s |`),
    '',
    `Skipped: the conformance suite's ${SKIPPED_CONFORMANCE_SECTIONS} section (INCLUSTER_CONFORMANCE_SKIP), which npm test runs on Node ${process.versions.node}.`,
    ...Object.entries(LEFT_OUT_TESTS).map(([test, why]) => `Left out: packages/${test}, which ${why}; npm test runs it.`),
    ...NEWEST_CELL_ONLY.map((test) => `In the newest cell only: packages/${test}.`),
    `Whole run: ${seconds} s.`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}

function nodeVersion(node) {
  return spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^v/, '');
}

/** The environment without the npm_* variables `npm run` sets, with the given Node first on PATH. */
function cleanEnv(node) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return node ? { ...env, PATH: `${dirname(node)}:${env.PATH}` } : env;
}

function npm(args, { cwd, node, allowFailure = false }) {
  const result = spawnSync('npm', args, { cwd, env: cleanEnv(node), encoding: 'utf8', maxBuffer: 256 << 20 });
  if (result.status !== 0 && !allowFailure) {
    throw new CompatError(`npm ${args.slice(0, 2).join(' ')} … in ${cwd} failed (exit ${result.status}):\n${(result.stderr || '').trim().split('\n').slice(-15).join('\n')}`);
  }
  return result.stdout;
}

main().catch((error) => {
  process.stderr.write(`compat-run: ${error instanceof CompatError ? error.message : error.stack}\n`);
  process.exitCode = 1;
});
