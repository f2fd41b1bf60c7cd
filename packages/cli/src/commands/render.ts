import { type Kubeconfig, carriesSecret, loadInClusterKubeconfig, toJson, toYaml } from '@incluster/core';
import { type Command, Option } from 'commander';
import { writeFileAtomically } from '../atomic-write';
import { CliError, warningLine } from '../errors';
import { addExamples } from '../help-text';
import type { CliIo } from '../io';
import { pathFlag, withPathFlag } from '../path-flag';
import { type ConnectionFlags, addConnectionOptions, connectionLoadOptions } from './connection-options';
import { nonEmptyPath } from './non-empty-path';
import { serviceAccountDirOption } from './service-account-dir-option';

export const OUTPUT_FORMATS = ['yaml', 'json'] as const;

/** What @incluster/core carries (docs/core.md, "What a kubeconfig can hold"), told where the options are. */
const NAME_RULE = 'any text but blank, quoted where YAML 1.1 would misread it ("on", "1_000")';

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The render flags, as commander parses them. */
export interface RenderFlags extends ConnectionFlags {
  readonly allowEmbeddedToken?: boolean;
  readonly namespace?: string;
  readonly context?: string;
  readonly clusterName?: string;
  readonly userName?: string;
  readonly serviceAccountDir?: string;
  readonly output: OutputFormat;
  readonly outputFile?: string;
}

/** `render`, the default command: the kubeconfig of this Pod, on stdout or atomically into a file. */
export function addRenderCommand(program: Command, io: CliIo): Command {
  const command = program
    // The default command (runCli's withDefaultCommand): not commander's isDefault, which would swallow mistyped commands.
    .command('render')
    .summary('print the kubeconfig of the current Pod (the default command)')
    .description(
      "Prints a kubeconfig built from the Pod's service account. By default its user references the rotating token " +
        'file (tokenFile), which client-go re-reads, so the kubeconfig never holds a secret and never goes stale.',
    );
  addConnectionOptions(command)
    .option('--allow-embedded-token', 'confirm --credential embedded: the kubeconfig then holds the token, a secret that expires')
    .option('-n, --namespace <namespace>', "the context's namespace (default: the Pod's namespace)")
    .option('--context <name>', `the context name (default: "incluster"); ${NAME_RULE}`)
    .option('--cluster-name <name>', `the cluster name (default: "incluster"); ${NAME_RULE}`)
    .option('--user-name <name>', `the user name (default: "incluster"); ${NAME_RULE}`)
    .addOption(serviceAccountDirOption('token, ca.crt and namespace'))
    .addOption(new Option('-o, --output <format>', 'the output format').choices(OUTPUT_FORMATS).default('yaml'))
    .addOption(
      new Option('--output-file <path>', 'write the kubeconfig to this file instead of stdout: atomically, mode 0600, creating missing directories').argParser(
        nonEmptyPath,
      ),
    )
    .action((flags: RenderFlags) => render(flags, io));
  return addExamples(command, [
    { description: 'The kubeconfig of this Pod, referencing its rotating token', command: 'incluster-kubeconfig' },
    { description: 'Write it where kubectl and helm look for it', command: 'incluster-kubeconfig render --output-file ~/.kube/config' },
    { description: 'One kubeconfig for every client, in JSON, for another namespace', command: 'incluster-kubeconfig render --credential token-file+exec -n team-b -o json' },
    { description: 'Embed the token (a secret that expires) only when you must', command: 'incluster-kubeconfig render --credential embedded --allow-embedded-token' },
  ]);
}

export function render(flags: RenderFlags, io: CliIo): void {
  if (flags.credential === 'embedded' && !flags.allowEmbeddedToken) {
    throw new CliError(
      'USAGE',
      '--credential embedded writes the token itself into the kubeconfig, a secret that stops working when the token expires. ' +
        'Add --allow-embedded-token to confirm, or use the default token-file credential.',
    );
  }
  const kubeconfig = withPathFlag(pathFlag(flags), () =>
    loadInClusterKubeconfig({
      ...connectionLoadOptions(flags),
      env: io.env,
      serviceAccountDir: flags.serviceAccountDir,
      namespace: flags.namespace,
      contextName: flags.context,
      clusterName: flags.clusterName,
      userName: flags.userName,
    }),
  );
  if (carriesSecret(kubeconfig)) {
    io.stderr(warningLine('this kubeconfig embeds the service-account token: store it as a secret, and expect it to stop working when the token expires.'));
  }
  const text = serialize(kubeconfig, flags.output);
  if (flags.outputFile === undefined) {
    io.stdout(text);
    return;
  }
  try {
    writeFileAtomically(flags.outputFile, text);
  } catch (error) {
    throw new CliError('OUTPUT_FILE', `cannot write ${flags.outputFile}: ${writeFailure(error as NodeJS.ErrnoException)}`);
  }
}

function serialize(kubeconfig: Kubeconfig, format: OutputFormat): string {
  return format === 'json' ? toJson(kubeconfig) : toYaml(kubeconfig);
}

/** What went wrong writing the file, and for the failures a Pod meets most, what to do about it. */
function writeFailure(error: NodeJS.ErrnoException): string {
  const advice: Readonly<Record<string, string>> = {
    EROFS: 'the file system is read-only: write to a volume mounted read-write, such as an emptyDir',
    EACCES: "the container's user may not write there: choose a directory it owns, such as an emptyDir or $HOME",
  };
  const known = error.code === undefined ? undefined : advice[error.code];
  return known === undefined ? error.message : `${known} (${error.message})`;
}
