// The Python distribution `incluster` (packages/python): a private npm workspace package too, so that lerna versions
// it from Conventional Commits and runs its tests with everyone else's, and so that its Jest tests (the shared
// conformance suite, the parity test) get the testkit. Every Python file projen owns is synthesised here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextFile, javascript, python } from 'projen';

const OUTDIR = 'packages/python';

/** The interpreters CI tests, and so the only ones requires-python may claim (docs/python.md). */
const REQUIRES_PYTHON = '>=3.9';
const CLASSIFIED_PYTHONS = ['3.9', '3.11'];

/**
 * The pinned test tools, one environment per interpreter, cached by scripts/dev_env.py under a hash of the file.
 * PyPy 3.9 (Debian's pypy3) runs everything but the Pulumi tests: pulumi's grpcio has no PyPy build.
 */
// pulumi-kubernetes is the release of the Kubernetes plugin the real-engine tests build (testkit toolchain/versions.ts).
const DEV_REQUIREMENTS = ['build@1.6.1', 'flit-core@4.2.0', 'hypothesis@6.170.17', 'mypy@2.4.1', 'pulumi@3.248.0', 'pulumi-kubernetes@4.25.0', 'pytest@9.2.0', 'PyYAML@6.0.3', 'types-PyYAML@6.0.12'];
// The newest releases that still support Python 3.9.
const PYPY_REQUIREMENTS = ['build@1.4.4', 'flit-core@4.2.0', 'hypothesis@6.141.1', 'pytest@8.4.2', 'PyYAML@6.0.3'];

export interface PythonPackageOptions {
  readonly parent: javascript.NodeProject;
  /** The in-repo npm packages its Jest tests use, as `name@^version`. */
  readonly devDeps: string[];
  readonly version: string;
  readonly repository: string;
  readonly nodeEngines: string;
}

/** lerna writes npm's semver; PEP 440 spells a prerelease differently (1.0.0-alpha.1 is 1.0.0a1). */
export function pep440(version: string): string {
  const match = /^(\d+\.\d+\.\d+)(?:-(alpha|beta|rc)\.(\d+))?$/.exec(version);
  if (!match) {
    throw new Error(`packages/python: cannot spell version ${version} in PEP 440; use x.y.z or x.y.z-(alpha|beta|rc).n`);
  }
  const [, release, kind, number] = match;
  return kind === undefined ? release : `${release}${{ alpha: 'a', beta: 'b', rc: 'rc' }[kind]}${number}`;
}

/** The dev environment's python, made or reused by scripts/dev_env.py: `"$(...)" -m pytest`. */
function devPython(interpreter?: string, requirements?: string): string {
  const args = [...(interpreter ? ['--interpreter', interpreter] : []), ...(requirements ? ['--requirements', requirements] : [])];
  return `"$(python3 scripts/dev_env.py${args.map((arg) => ` ${arg}`).join('')})"`;
}

export function pythonPackage(options: PythonPackageOptions): javascript.NodeProject {
  const version = pep440(options.version);
  const project = new javascript.NodeProject({
    parent: options.parent,
    outdir: OUTDIR,
    name: '@incluster/python',
    description: 'The incluster Python distribution (PyPI: incluster): versioned and tested from this workspace, never published to npm',
    defaultReleaseBranch: 'main',
    packageManager: javascript.NodePackageManager.NPM,
    minNodeVersion: '20.0.0',
    repository: options.repository,
    repositoryDirectory: OUTDIR,
    license: 'Apache-2.0',
    copyrightOwner: 'The incluster authors',
    entrypoint: '',
    // js-yaml is the YAML 1.2 reader client-node parses kubeconfigs with, and the yaml library another: the oracles of to_yaml.
    devDeps: [...options.devDeps, 'fast-check@^4', 'js-yaml@^4.1.0', 'yaml@^2.8.0'],
    jestOptions: {
      jestVersion: '^30',
      junitReporting: false,
      updateSnapshot: javascript.UpdateSnapshot.NEVER,
      jestConfig: {
        testMatch: ['<rootDir>/test/**/*.test.js'],
        // Builds the wheel once and installs it into a fresh virtualenv, which every Jest test runs python from.
        globalSetup: '<rootDir>/test/support/global-setup.js',
        globalTeardown: '<rootDir>/test/support/global-teardown.js',
        collectCoverage: false,
        // As in every package: the slow cases wait far more than they compute, and real processes take seconds.
        maxWorkers: 2,
        testTimeout: 30_000,
      },
    },
  });
  project.package.addField('private', true);
  project.package.addField('version', options.version);
  project.package.addEngine('node', options.nodeEngines);
  // npm workspaces install once, at the root (as for every package of this repo).
  Object.assign(project.package, { installDependencies: () => {} });

  new python.PyprojectTomlFile(project, {
    buildSystem: { requires: ['flit_core>=3.12,<5'], buildBackend: 'flit_core.buildapi' },
    project: {
      name: 'incluster',
      version,
      description: "A rotation-safe kubeconfig for code running inside a Kubernetes Pod, built from the Pod's service account",
      readme: 'README.md',
      requiresPython: REQUIRES_PYTHON,
      license: 'Apache-2.0',
      licenseFiles: ['LICENSE'],
      authors: [{ name: 'The incluster authors' }],
      keywords: ['kubernetes', 'kubeconfig', 'in-cluster', 'service-account', 'pulumi'],
      classifiers: [
        'Development Status :: 4 - Beta',
        'Intended Audience :: Developers',
        'Operating System :: POSIX',
        'Programming Language :: Python :: 3',
        ...CLASSIFIED_PYTHONS.map((version) => `Programming Language :: Python :: ${version}`),
        'Programming Language :: Python :: Implementation :: CPython',
        'Programming Language :: Python :: Implementation :: PyPy',
        'Topic :: System :: Systems Administration',
        'Typing :: Typed',
      ],
      // The core needs the standard library only.
      dependencies: [],
      optionalDependencies: {
        yaml: ['PyYAML>=5.1'],
        pulumi: ['pulumi>=3.142.0,<4', 'pulumi-kubernetes>=4.16.0,<5'],
      },
      urls: { Homepage: 'https://github.com/incluster/incluster', Source: `https://github.com/incluster/incluster/tree/main/${OUTDIR}` },
    },
    tool: {
      pytest: {
        ini_options: {
          testpaths: ['test'],
          pythonpath: ['src'],
          addopts: ['-p', 'no:cacheprovider', '--strict-markers'],
          filterwarnings: ['error'],
        },
      },
    },
  });

  new TextFile(project, 'src/incluster/_version.py', {
    lines: [
      '# ~~ Generated by projen. To modify, edit .projenrc.ts and run "npx projen".',
      '"""The version of this distribution: lerna keeps it in package.json; projen writes it here and into pyproject.toml."""',
      '',
      `__version__ = "${version}"`,
    ],
  });

  for (const [file, requirements] of [['requirements-dev.txt', DEV_REQUIREMENTS], ['requirements-pypy.txt', PYPY_REQUIREMENTS]] as const) {
    new python.RequirementsFile(project, file, {}).addPackages(...requirements);
  }

  project.gitignore.exclude('/dist/', '__pycache__/', '*.py[cod]', '.hypothesis/', '*.egg-info/');
  project.addPackageIgnore('*');

  const wheel = `${devPython()} -m build --no-isolation --outdir dist .`;
  project.packageTask.reset(`rm -rf dist && ${wheel}`, { receiveArgs: false });
  project.addTask('dev-env', {
    description: "Make (or reuse) the cached Python environments the tests run in: CPython's and PyPy 3.9's",
    steps: [{ exec: 'python3 scripts/dev_env.py' }, { exec: 'python3 scripts/dev_env.py --interpreter pypy3 --requirements requirements-pypy.txt' }],
  });
  project.addTask('api-docs', {
    description: "The Python API reference, from the package's docstrings by pydoc, into docs/api/python/ (not committed)",
    exec: `${devPython()} scripts/api_docs.py`,
  });
  const jest = project.testTask.steps.find((step) => step.exec?.startsWith('jest'))?.exec;
  project.testTask.reset();
  project.testTask.exec(`${devPython()} -m pytest`, { name: 'pytest on CPython' });
  project.testTask.exec(`${devPython('pypy3', 'requirements-pypy.txt')} -m pytest --ignore-glob='test/test_pulumi*' --ignore=test/test_types.py`, { name: 'pytest on PyPy 3.9, all but the Pulumi tests (grpcio has no PyPy build) and mypy' });
  project.testTask.exec(jest ?? 'jest --passWithNoTests', { name: 'Jest: the conformance suite and the parity test, on the installed wheel' });
  // Here rather than in the root's api-docs: it imports pulumi, and the root's task is timed by a guide's test.
  project.testTask.spawn(project.tasks.tryFind('api-docs')!);
  return project;
}

/** The version lerna last wrote into packages/python/package.json. */
export function pythonVersionOnDisk(): string {
  try {
    return JSON.parse(readFileSync(join(OUTDIR, 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
