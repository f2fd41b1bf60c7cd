// The CLI's cold start on each Node.js line the packages support: the Node that runs the benchmark, and the newest
// release of every other line in scripts/compat-matrix.js (installed from the npm registry by scripts/install-node.sh).
// Every variant of every Node is interleaved in one run, and each is quoted against `node -e 0` of the same Node.
//
// The variants take `render` apart, each adding one step to the one before:
//   node -e 0                           the baseline
//   floor (bench/what-if/template-render.js)  reading a script and writing to a pipe, as any program does
//   --version                           + loading the binary from its compile cache, building its command line
//   render -o json                      + parsing `render`, discovery, rendering, JSON
//   render                              + yaml's first stringify: the shipped command
// and beside them `render` without the compile cache (NODE_DISABLE_COMPILE_CACHE), `render` on its first run in a
// fresh Pod (an empty cache: the run only marks it), on its second (which writes the cache at exit), and, where Node
// has it, the bundle with Node's own module.enableCompileCache instead (bench/what-if/node-compile-cache.js). Every
// process gets the Pod's environment and a TMPDIR of the benchmark's own, where the binary keeps its compile cache.
const { spawnSync } = require('node:child_process');
const { mkdirSync, mkdtempSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { parse } = require('yaml');
const { CELLS } = require('../scripts/compat-matrix');
const { interleave, timeProcess } = require('./measure');

const INSTALL_NODE = join(__dirname, '..', 'scripts', 'install-node.sh');
const TEMPLATE_RENDER = join(__dirname, 'what-if', 'template-render.js');
const NODE_COMPILE_CACHE = join(__dirname, 'what-if', 'node-compile-cache.js');

/** This Node, and the newest release in the matrix of every other major line. */
function nodeBinaries(log) {
  const major = (version) => version.split('.')[0];
  const own = process.versions.node;
  const newest = new Map();
  for (const { node } of CELLS) {
    const line = major(node);
    if (line !== major(own) && (!newest.has(line) || compare(node, newest.get(line)) > 0)) {
      newest.set(line, node);
    }
  }
  const binaries = [{ version: own, path: process.execPath }];
  for (const version of newest.values()) {
    log(`installing Node ${version} (scripts/install-node.sh)`);
    const result = spawnSync('bash', [INSTALL_NODE, version], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`scripts/install-node.sh ${version} failed (its error is above)`);
    }
    binaries.push({ version, path: result.stdout.trim() });
  }
  return binaries.sort((a, b) => compare(a.version, b.version));
}

function compare(a, b) {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

function hasNodeCompileCache(node) {
  const probe = spawnSync(node, ['-p', "typeof require('node:module').enableCompileCache"], { encoding: 'utf8', env: {} });
  return probe.stdout.trim() === 'function';
}

/**
 * Times the variants above on every Node; `bin` is the shipped binary and `expectedYaml` what `render` must print.
 * Returns, per Node version, each variant's times and its ratio to `node -e 0`, and the steps between them in ms.
 */
async function coldStartByNode({ bin, bundle, env, workdir, expectedYaml, runs, log }) {
  const nodes = nodeBinaries(log);
  const isYaml = (out) => out === expectedYaml;
  const expectedJson = JSON.stringify(parse(expectedYaml));
  const isJson = (out) => {
    try {
      return JSON.stringify(JSON.parse(out)) === expectedJson;
    } catch {
      return false;
    }
  };
  const variants = [];
  const firstRunDirs = [];
  for (const node of nodes) {
    node.nodeCompileCache = hasNodeCompileCache(node.path);
    const tmp = mkdtempSync(join(workdir, `tmp-node-${node.version}-`));
    const base = { ...env, TMPDIR: tmp };
    const add = (id, args, check, variantEnv = base, prepare) => variants.push({ id: `${node.version} ${id}`, command: node.path, args, env: variantEnv, check, prepare });
    add('node', ['-e', '0']);
    add('floor', [TEMPLATE_RENDER], isYaml);
    add('version', [bin, '--version'], (out) => /^\d+\.\d+\.\d+/.test(out));
    add('renderJson', [bin, 'render', '-o', 'json'], isJson);
    add('render', [bin, 'render'], isYaml);
    add('renderWithoutCompileCache', [bin, 'render'], isYaml, { ...base, NODE_DISABLE_COMPILE_CACHE: '1' });
    // A new TMPDIR for every run: the cache is empty, as in a Pod that has just started; for the second run, the
    // first has been run in it, untimed.
    const root = mkdtempSync(join(workdir, `fresh-${node.version}-`));
    firstRunDirs.push(root);
    let count = 0;
    const freshEnv = (runsBefore) => {
      const variantEnv = { ...base };
      return [variantEnv, () => {
        variantEnv.TMPDIR = join(root, String(count++));
        mkdirSync(variantEnv.TMPDIR);
        for (let i = 0; i < runsBefore; i++) {
          timeProcess({ command: node.path, args: [bin, 'render'], env: variantEnv, check: isYaml });
        }
      }];
    };
    add('renderFirstRun', [bin, 'render'], isYaml, ...freshEnv(0));
    add('renderSecondRun', [bin, 'render'], isYaml, ...freshEnv(1));
    const nodeCache = join(tmp, 'node-compile-cache');
    if (node.nodeCompileCache) {
      add('renderWithNodeCompileCache', [NODE_COMPILE_CACHE, bundle, nodeCache, 'render'], isYaml);
    }
    // Fill the caches the timed runs read: the binary marks its cache on a first run and writes it on the second.
    timeProcess({ command: node.path, args: [bin, 'render'], env: base, check: isYaml });
    timeProcess({ command: node.path, args: [bin, 'render'], env: base, check: isYaml });
    if (node.nodeCompileCache) {
      timeProcess({ command: node.path, args: [NODE_COMPILE_CACHE, bundle, nodeCache, 'render'], env: base, check: isYaml });
    }
  }
  log(`cold start on Node ${nodes.map((node) => node.version).join(', ')}: ${runs} runs of each of ${variants.length} variants, interleaved`);
  const samples = await interleave(variants, {
    runs,
    time: (variant) => {
      variant.prepare?.();
      return timeProcess(variant);
    },
  });
  for (const root of firstRunDirs) {
    rmSync(root, { recursive: true, force: true });
  }
  return Object.fromEntries(
    nodes.map((node) => {
      const of = (id) => samples[`${node.version} ${id}`];
      const ms = (id) => of(id).median;
      const ratio = (id) => (of(id) ? ms(id) / ms('node') : undefined);
      return [
        node.version,
        {
          samples: Object.fromEntries(Object.entries(samples).filter(([id]) => id.startsWith(`${node.version} `)).map(([id, value]) => [id.slice(node.version.length + 1), value])),
          ratio: ratio('render'),
          ratioWithoutCompileCache: ratio('renderWithoutCompileCache'),
          ratioFirstRun: ratio('renderFirstRun'),
          ratioSecondRun: ratio('renderSecondRun'),
          ratioWithNodeCompileCache: ratio('renderWithNodeCompileCache'),
          steps: {
            program: ms('floor') - ms('node'),
            loadAndCommandLine: ms('version') - ms('floor'),
            parseDiscoverRender: ms('renderJson') - ms('version'),
            yamlFirstStringify: ms('render') - ms('renderJson'),
            compileCacheSaves: ms('renderWithoutCompileCache') - ms('render'),
            firstRunCosts: ms('renderFirstRun') - ms('renderWithoutCompileCache'),
            secondRunCosts: ms('renderSecondRun') - ms('renderWithoutCompileCache'),
          },
        },
      ];
    }),
  );
}

/** The Markdown table of the results, one column per Node version. */
function coldStartByNodeTable(byNode, runs) {
  const versions = Object.keys(byNode);
  const cell = (fn) => versions.map((version) => fn(byNode[version]) ?? '—');
  const ms = (value) => (value === undefined ? undefined : `${value.toFixed(1)} ms`);
  const signed = (value) => (value === undefined ? undefined : `${value >= 0 ? '+' : ''}${value.toFixed(1)} ms`);
  const ratio = (value) => (value === undefined ? undefined : `${value.toFixed(2)}×`);
  const rows = [
    ['`node -e 0`', cell((r) => ms(r.samples.node.median))],
    ['**`incluster-kubeconfig render`, vs `node -e 0`**', cell((r) => `**${ratio(r.ratio)}**`)],
    ['… without the compile cache (`NODE_DISABLE_COMPILE_CACHE=1`)', cell((r) => ratio(r.ratioWithoutCompileCache))],
    ['… on its first run in a fresh Pod (an empty cache, which it marks)', cell((r) => ratio(r.ratioFirstRun))],
    ['… on its second run (which writes the cache at exit)', cell((r) => ratio(r.ratioSecondRun))],
    ["what-if: the bundle with Node's `module.enableCompileCache` instead", cell((r) => (r.ratioWithNodeCompileCache === undefined ? 'not in this Node' : ratio(r.ratioWithNodeCompileCache)))],
    ['step: being a program (floor − `node -e 0`)', cell((r) => signed(r.steps.program))],
    ['step: loading the binary, building the command line (`--version` − floor)', cell((r) => signed(r.steps.loadAndCommandLine))],
    ['step: parsing `render`, discovery, rendering (`render -o json` − `--version`)', cell((r) => signed(r.steps.parseDiscoverRender))],
    ["step: yaml's first stringify (`render` − `render -o json`)", cell((r) => signed(r.steps.yamlFirstStringify))],
    ['what the compile cache saves a run', cell((r) => signed(r.steps.compileCacheSaves))],
    ['what marking it costs the first run', cell((r) => signed(r.steps.firstRunCosts))],
    ['what writing it costs the second run', cell((r) => signed(r.steps.secondRunCosts))],
  ];
  const header = ['', ...versions.map((version) => `Node ${version}`)];
  return [
    `### CLI cold start by Node.js version (median of ${runs} runs of each, all interleaved)`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`,
    ...rows.map(([label, values]) => `| ${label} | ${values.join(' | ')} |`),
    '',
  ].join('\n');
}

module.exports = { coldStartByNode, coldStartByNodeTable };
