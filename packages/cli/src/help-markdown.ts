import { type Command, Help, type Option } from 'commander';
import { ERROR_LINE_HELP, EXIT_CODES, examplesOf } from './help-text';
import { createProgram } from './program';

/** How to regenerate docs/cli.md, told by its header and by the test that catches drift. */
export const REGENERATE_COMMAND = 'cd packages/cli && npx projen docs';

/**
 * docs/cli.md: the command reference, generated from the commander definitions so that it cannot disagree with
 * --help. Deterministic: the same program always gives the same text.
 */
export function renderCliMarkdown(program: Command = createProgram({ env: {}, stdout: () => undefined, stderr: () => undefined })): string {
  const help = new Help();
  const sections = [
    `<!-- Generated from packages/cli/src by renderCliMarkdown(); do not edit. Regenerate: ${REGENERATE_COMMAND} -->`,
    `# ${program.name()}`,
    prose(program.description()),
    usageBlock(help, program),
    table(
      ['command', 'what it does'],
      program.commands.map((command) => [`[\`${command.name()}\`](#${anchor(qualifiedName(command))})`, prose(command.summary() || command.description())]),
    ),
    optionsTable(help, program),
    ...program.commands.map((command) => commandSection(help, command)),
    '## Exit codes',
    table(
      ['code', 'meaning'],
      EXIT_CODES.map(({ code, meaning }) => [String(code), prose(meaning)]),
    ),
    prose(ERROR_LINE_HELP),
  ];
  return `${sections.join('\n\n')}\n`;
}

function commandSection(help: Help, command: Command): string {
  const examples = examplesOf(command);
  return [
    `## ${qualifiedName(command)}`,
    prose(command.description()),
    usageBlock(help, command),
    optionsTable(help, command),
    ...(examples.length === 0
      ? []
      : ['### Examples', ['```sh', ...examples.flatMap(({ description, command: line }) => [`# ${description}`, line]), '```'].join('\n')]),
  ].join('\n\n');
}

function usageBlock(help: Help, command: Command): string {
  return ['```', `Usage: ${help.commandUsage(command)}`, '```'].join('\n');
}

function optionsTable(help: Help, command: Command): string {
  return table(
    ['option', 'description'],
    help.visibleOptions(command).map((option: Option) => [`\`${help.optionTerm(option)}\``, prose(help.optionDescription(option))]),
  );
}

/** Help text as Markdown: "<CODE>" would otherwise be read as an HTML tag. Indented lines are code and stay as they are. */
function prose(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.startsWith('    ') ? line : line.replace(/[<>]/g, (bracket) => `\\${bracket}`)))
    .join('\n');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function qualifiedName(command: Command): string {
  return command.parent ? `${qualifiedName(command.parent)} ${command.name()}` : command.name();
}

/** GitHub's heading anchors: lower case, spaces to dashes, most punctuation dropped. */
function anchor(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}
