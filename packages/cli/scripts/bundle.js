#!/usr/bin/env node
// Bundles the incluster-kubeconfig binary: src/main.ts and everything it runs (@incluster/core, commander, the part of
// yaml that writes YAML; not socks, see below) into bin/main.js, one minified CommonJS file without a source map. Node
// then reads and compiles one file instead of resolving and loading about a hundred: that was most of the cold start
// (docs/performance.md). The binary itself, bin/incluster-kubeconfig.js, is src/launcher.ts: it runs bin/main.js from
// the compile cache (src/compile-cache.ts). The compile task runs this after tsc, and jest runs it as its globalSetup,
// so the tests always run the files that `npm pack` ships.
const { chmodSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const { build } = require('esbuild');

const PACKAGE_DIR = join(__dirname, '..');
const ENTRY = join(PACKAGE_DIR, 'src', 'main.ts');
const BUNDLE = join(PACKAGE_DIR, 'bin', 'main.js');
const LAUNCHER_ENTRY = join(PACKAGE_DIR, 'src', 'launcher.ts');
const OUTFILE = join(PACKAGE_DIR, 'bin', 'incluster-kubeconfig.js');
const NOTICES = join(PACKAGE_DIR, 'bin', 'THIRD-PARTY-LICENSES.txt');

/**
 * @incluster/core from its TypeScript source rather than its CommonJS lib/: as ES modules, its `import { stringify }
 * from 'yaml'` lets esbuild leave out yaml's parser, lexer and composer, which a CommonJS require() would keep.
 */
function coreSource() {
  return join(dirname(require.resolve('@incluster/core/package.json', { paths: [PACKAGE_DIR] })), 'src', 'index.ts');
}

/**
 * yaml's ES module build, for the same reason. It is the code of its CommonJS build; the two differ only in how a
 * warning is shown (console.warn, not process.emitWarning) and in using Buffer for !!binary, neither of which writing
 * a kubeconfig does. The conformance suite and the golden vectors check the bytes of the bundle's output.
 */
const yamlAsEsModules = {
  name: 'yaml-as-es-modules',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^yaml$/ }, () => ({
      path: join(dirname(require.resolve('yaml/package.json', { paths: [PACKAGE_DIR] })), 'browser', 'dist', 'index.js'),
    }));
  },
};

/**
 * commander requires node:child_process when it loads, for subcommands that are separate executables, which this CLI
 * has none of; loading it (and net beneath it) costs a few milliseconds. Here commander gets it on first use instead.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let loaded;module.exports=new Proxy({},{get:(_,key)=>(loaded??=require("node:${args.path}"))[key]});`,
      loader: 'js',
    }));
  },
};

const COMMON_OPTIONS = {
  absWorkingDir: PACKAGE_DIR,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
};

async function bundle() {
  const main = await build({
    ...COMMON_OPTIONS,
    entryPoints: [ENTRY],
    alias: { '@incluster/core': coreSource() },
    // A dependency, loaded from node_modules only by a doctor --probe through a socks5 proxy: bundled, it would add
    // half again to the file every run of the binary reads.
    external: ['socks'],
    plugins: [yamlAsEsModules, lazyChildProcessForCommander],
    // import() becomes require(): the launcher runs the bundle as a vm.Script, which has no loader for import().
    supported: { 'dynamic-import': false },
    metafile: true,
  });
  // The launcher: its own code and Node's built-in modules only; the bundle stays a file of its own.
  const launcher = await build({ ...COMMON_OPTIONS, entryPoints: [LAUNCHER_ENTRY], external: ['./main.js'] });
  mkdirSync(dirname(OUTFILE), { recursive: true });
  // The bundle first: a binary started meanwhile finds the bundle it loads.
  writeAtomically(BUNDLE, main.outputFiles[0].contents, 0o644);
  writeAtomically(OUTFILE, launcher.outputFiles[0].contents, 0o755);
  writeAtomically(NOTICES, thirdPartyNotices(main.metafile), 0o644);
  return OUTFILE;
}

/** Written beside the target and renamed over it: a binary started meanwhile runs the old file or the new, whole. */
function writeAtomically(path, contents, mode) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents, { mode });
  chmodSync(temporary, mode);
  renameSync(temporary, path);
}

/** The licences of the third-party packages copied into the bundle (commander, yaml): their notices travel with it. */
function thirdPartyNotices(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|[\\/])node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(input);
    if (match) {
      packages.set(match[1].replace(/\\/g, '/'), join(PACKAGE_DIR, input.slice(0, match.index + match[0].length)));
    }
  }
  const sections = [...packages].sort(([a], [b]) => a.localeCompare(b)).map(([name, dir]) => {
    const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(dir).find((file) => /^licen[cs]e/i.test(file));
    const text = licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : `(no licence file; its package.json says ${license})`;
    return `${name}@${version} (${license})\n\n${text}\n`;
  });
  return `${relative(PACKAGE_DIR, BUNDLE)} bundles these packages:\n\n${sections.join(`\n${'-'.repeat(78)}\n\n`)}`;
}

// jest's globalSetup calls the export; the compile task runs the file.
module.exports = bundle;

if (require.main === module) {
  bundle().then(
    (outfile) => console.error(`bundled ${relative(process.cwd(), outfile)}`),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
