/**
 * The YAML readers real clients load a kubeconfig with, each run once over many files: the oracle of a serializer.
 *
 * - client-go: clientcmd.LoadFromFile and ResolveLocalPaths, as kubectl, helm and the Pulumi provider load a file,
 *   in kubeconfig-reader, a Go program of ours built against client-go (toolchain/kubeconfig-reader.ts);
 * - PyYAML: `yaml.safe_load`, as the official Python client's `load_kube_config` reads a file, on Debian's
 *   python3-yaml for /usr/bin/python3 (python3-kubernetes depends on it).
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { KUBECONFIG_READER } from '../toolchain/kubeconfig-reader';
import { resolvePinnedBinary } from '../toolchain/pinned-binary';
import { INSTALL_TEST_TOOLS_SCRIPT, PYTHON_WITH_KUBERNETES_CLIENT } from './python-client';
import { collectOutput } from './process-output';

/** What client-go made of one file. */
export interface ClientGoReading {
  /** The loaded Config, encoded again through client-go's v1 types (so with their defaults, such as `preferences: {}`). */
  readonly config?: Record<string, unknown>;
  /** How client-go's REST client reads the current context's server URL (rest.DefaultServerURL). */
  readonly server?: { readonly scheme: string; readonly host: string; readonly path: string };
  /** What clientcmd.ConfirmUsable finds wrong with the current context (the CA file is not opened). */
  readonly invalid?: readonly string[];
  /** Why LoadFromFile failed. */
  readonly error?: string;
}

/** What PyYAML's safe_load made of one file: the document as JSON, or the exception. */
export interface PyYamlReading {
  readonly document?: unknown;
  /** Set when safe_load returned values JSON cannot hold (a datetime, bytes…): their Python repr. */
  readonly notJson?: string;
  readonly error?: string;
}

/** Loads each file with client-go's loader, in one process; the readings come back in the order of `paths`. */
export async function readKubeconfigsWithClientGo(paths: readonly string[]): Promise<ClientGoReading[]> {
  const reader = await resolvePinnedBinary(KUBECONFIG_READER);
  return readEach<ClientGoReading>(reader, [], paths, 'kubeconfig-reader');
}

export interface PyYamlOptions {
  /** The interpreter; default PYTHON_WITH_KUBERNETES_CLIENT. */
  readonly interpreter?: string;
  /** How many Python processes share the files (PyYAML's pure-Python loader takes about 2 ms a file); default one per CPU. */
  readonly processes?: number;
}

/**
 * Loads each file with PyYAML's safe_load (the pure-Python SafeLoader, as the client calls it, not libyaml's), in a
 * few /usr/bin/python3 processes. A value JSON cannot hold comes back as `notJson`, so that a timestamp or a bool
 * never passes for the string that was written.
 */
export async function readKubeconfigsWithPyYaml(paths: readonly string[], options: PyYamlOptions = {}): Promise<PyYamlReading[]> {
  const interpreter = options.interpreter ?? PYTHON_WITH_KUBERNETES_CLIENT;
  const processes = Math.max(1, Math.min(options.processes ?? availableParallelism(), Math.ceil(paths.length / 500)));
  const share = Math.ceil(paths.length / processes);
  const shares = Array.from({ length: processes }, (_, index) => paths.slice(index * share, (index + 1) * share));
  const readings = await Promise.all(shares.map((part) => readEach<PyYamlReading>(interpreter, ['-c', PYYAML_PROGRAM], part, `PyYAML on ${interpreter}`)));
  return readings.flat();
}

/**
 * The Python client opens the file in text mode with the locale's encoding, which is UTF-8 in a Pod (Python's UTF-8
 * mode under the C locale); here it is UTF-8 explicitly, whatever the runner's locale.
 */
const PYYAML_PROGRAM = `
import json, sys
try:
    import yaml
except ImportError as error:
    sys.stderr.write("MISSING %s\\n" % error)
    sys.exit(3)

class NotJson(Exception):
    pass

def refuse(value):
    raise NotJson(repr(value))

for line in sys.stdin:
    path = line[:-1]
    try:
        with open(path, encoding="utf-8") as file:
            document = yaml.safe_load(file)
    except Exception as error:
        print(json.dumps({"error": "%s: %s" % (type(error).__name__, error)}))
        continue
    try:
        print(json.dumps({"document": document}, default=refuse, allow_nan=False))
    except (NotJson, ValueError) as error:
        print(json.dumps({"notJson": str(error)}))
`;

async function readEach<T>(command: string, args: readonly string[], paths: readonly string[], what: string): Promise<T[]> {
  if (paths.some((path) => path.includes('\n'))) {
    throw new Error(`${what} reads one path per line; a path holds a line break: ${JSON.stringify(paths.find((p) => p.includes('\n')))}`);
  }
  const child = spawn(command, [...args], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C.UTF-8' }, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => undefined);
  child.stdin.end(paths.map((path) => `${path}\n`).join(''));
  const { code, stdout, stderr } = await collectOutput(child).catch((error: Error) => {
    throw new Error(`${what} could not be started (${error.message})${command === PYTHON_WITH_KUBERNETES_CLIENT ? `: install python3-yaml with ${INSTALL_TEST_TOOLS_SCRIPT}` : ''}`);
  });
  if (code === 3 && stderr.startsWith('MISSING')) {
    throw new Error(`PyYAML is not installed for ${command} (${stderr.trim()}). Install it with ${INSTALL_TEST_TOOLS_SCRIPT} (as root), or: apt-get install -y python3-yaml`);
  }
  if (code !== 0) {
    throw new Error(`${what} failed (exit ${code}): ${stderr.trim().slice(-2000)}`);
  }
  const readings = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
  if (readings.length !== paths.length) {
    throw new Error(`${what} gave ${readings.length} readings for ${paths.length} files: ${stderr.trim().slice(-2000)}`);
  }
  return readings;
}
