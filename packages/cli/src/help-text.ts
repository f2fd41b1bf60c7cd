import type { Command } from 'commander';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './errors';

export interface Example {
  /** What the example does, one line. */
  readonly description: string;
  readonly command: string;
}

export const EXIT_CODES: readonly { readonly code: number; readonly meaning: string }[] = [
  { code: EXIT_OK, meaning: 'success' },
  {
    code: EXIT_FAILURE,
    meaning:
      '@incluster/core refused the Pod environment (its error code says which), --output-file cannot be written, or a doctor check or probe failed',
  },
  {
    code: EXIT_USAGE,
    meaning:
      'the command line is wrong: an unknown command or flag, a missing value, a value @incluster/core refuses (INVALID_OPTION, such as an http --server), embedded without --allow-embedded-token',
  },
];

export const ERROR_LINE_HELP =
  'Errors go to stderr, the first line always "incluster-kubeconfig: error <CODE>: <message>", where CODE is a ' +
  '@incluster/core error code (NOT_IN_CLUSTER, SERVICE_ACCOUNT_NOT_MOUNTED, ...) or one of USAGE, OUTPUT_FILE, ' +
  'PROBE_FAILED, TOKEN_EXPIRED, INTERNAL. stdout carries only data. No colour is used, so NO_COLOR is respected.';

const examplesByCommand = new WeakMap<Command, readonly Example[]>();

/** Shows examples after the command's --help, and keeps them for the Markdown reference. */
export function addExamples(command: Command, examples: readonly Example[]): Command {
  examplesByCommand.set(command, examples);
  return command.addHelpText('after', `\nExamples:\n${examples.map((example) => `  # ${example.description}\n  $ ${example.command}\n`).join('')}`);
}

export function examplesOf(command: Command): readonly Example[] {
  return examplesByCommand.get(command) ?? [];
}

/** Shown after every command's --help. */
export function exitCodesHelp(): string {
  const codes = EXIT_CODES.map(({ code, meaning }) => wrap(`${code}  ${meaning}`, '  ', '     ')).join('\n');
  return `\nExit codes:\n${codes}\n\n${wrap(ERROR_LINE_HELP, '', '')}\n`;
}

const HELP_WIDTH = 80;

/** Word-wraps text to the help's width; commander wraps its own sections but not added help text. */
function wrap(text: string, firstIndent: string, nextIndent: string): string {
  const lines: string[] = [];
  let line = firstIndent;
  for (const word of text.split(' ')) {
    if (line.trim() && line.length + 1 + word.length > HELP_WIDTH) {
      lines.push(line);
      line = nextIndent;
    }
    line += line.trim() ? ` ${word}` : word;
  }
  return [...lines, line].join('\n');
}
