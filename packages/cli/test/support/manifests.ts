import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The parts of a Kubernetes container that the examples rely on. */
export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: readonly EnvVar[];
  readonly volumeMounts?: readonly { readonly name: string; readonly mountPath: string; readonly readOnly?: boolean }[];
  readonly securityContext?: { readonly runAsUser?: number };
}

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
}

export interface PodSpec {
  readonly serviceAccountName?: string;
  readonly automountServiceAccountToken?: boolean;
  readonly securityContext?: { readonly runAsUser?: number };
  readonly initContainers?: readonly Container[];
  readonly containers?: readonly Container[];
  readonly volumes?: readonly { readonly name: string; readonly emptyDir?: object }[];
}

/** One object of a manifest file, as parsed; its fields are read by the tests that rely on them. */
export interface ManifestObject {
  readonly file: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  // biome-ignore lint/suspicious/noExplicitAny: parsed YAML whose other fields each test reads as it relies on them; a wrong path fails that test
  readonly [field: string]: any;
}

/**
 * Every object of every YAML file in a directory, parsed with the `yaml` package as kubectl would read them: several
 * documents per file, and any syntax error or warning is a failure.
 */
export function loadManifests(dir: string): ManifestObject[] {
  return readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(dir, file), 'utf8')).flatMap((document) => {
        const problems = [...document.errors, ...document.warnings];
        if (problems.length > 0) {
          throw new Error(`${file}: ${problems.map((problem) => problem.message).join('; ')}`);
        }
        const object: unknown = document.toJS();
        return object === null ? [] : [{ ...(object as object), file: basename(file) } as ManifestObject];
      }),
    );
}

/** The Pod spec an object runs: a Job's template, or the Pod template of a Pulumi Kubernetes Operator Stack's workspace. */
export function podSpecOf(object: ManifestObject): PodSpec | undefined {
  if (object.kind === 'Job') {
    return object.spec.template.spec;
  }
  if (object.kind === 'Stack') {
    return object.spec.workspaceTemplate?.spec?.podTemplate?.spec;
  }
  return undefined;
}

/** What a container runs: its command, then its args. */
export function argvOf(container: Container): readonly string[] {
  return [...(container.command ?? []), ...(container.args ?? [])];
}

/**
 * The arguments after `incluster-kubeconfig` in what a container runs (directly, or through npx), or undefined when it
 * does not run the CLI. A mention inside a longer string (`sh -c "incluster-kubeconfig …"`) is an error: the flags
 * there could not be checked.
 */
export function cliArgumentsOf(container: Container): readonly string[] | undefined {
  const argv = argvOf(container);
  const hidden = argv.find((token) => token.includes('incluster-kubeconfig') && basename(token) !== 'incluster-kubeconfig');
  if (hidden !== undefined) {
    throw new Error(`container ${container.name} runs incluster-kubeconfig inside ${JSON.stringify(hidden)}: give it its own argv entries`);
  }
  const index = argv.findIndex((token) => basename(token) === 'incluster-kubeconfig');
  return index === -1 ? undefined : argv.slice(index + 1);
}

/**
 * The arguments after `python -m incluster` (the Python package's render command) in what a container runs, with the
 * optional `render` made explicit, or undefined when it does not run it.
 */
export function pythonRenderArgumentsOf(container: Container): readonly string[] | undefined {
  const argv = argvOf(container);
  const index = argv.findIndex((token, at) => /^python3?$/.test(basename(token)) && argv[at + 1] === '-m' && argv[at + 2] === 'incluster');
  if (index === -1) {
    return undefined;
  }
  const rest = argv.slice(index + 3);
  return rest[0] === 'render' ? rest : ['render', ...rest];
}
