import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { addCredentialCommand } from './commands/credential';
import { addDoctorCommand } from './commands/doctor';
import { addRenderCommand } from './commands/render';
import { EXIT_OK, type ExitCode, describeError, errorLine, exitCodeFor } from './errors';
import { exitCodesHelp } from './help-text';
import type { CliIo } from './io';

export const PROGRAM_NAME = 'incluster-kubeconfig';

/**
 * The whole command line, wired to the given io. Commander never exits the process: every error, including its own,
 * is thrown back to runCli, which turns it into the error line and the exit code.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command(PROGRAM_NAME)
    .description("A rotation-safe kubeconfig for the Pod this runs in, built from the Pod's service account.")
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    // outputError is silenced: runCli prints commander's errors in the same form as every other error.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .addHelpText('afterAll', exitCodesHelp());
  // Subcommands copy the settings above when they are created, so these come last.
  addRenderCommand(program, io);
  addCredentialCommand(program, io);
  addDoctorCommand(program, io);
  return program;
}

/** Runs the command line `argv` (without node and the script) and returns the exit code; never exits the process. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  // stderr is held until the end so that an error line comes first, even after the help commander shows for
  // `help <unknown command>`. Nothing runs long enough for the delay to matter.
  const held: string[] = [];
  const heldIo: CliIo = { ...io, stderr: (text) => held.push(text) };
  let exitCode: ExitCode = EXIT_OK;
  try {
    const program = createProgram(heldIo);
    await program.parseAsync(withDefaultCommand(program, argv), { from: 'user' });
  } catch (error) {
    // --help and --version end in a CommanderError too, with exit code 0.
    if (!(error instanceof CommanderError && error.exitCode === EXIT_OK)) {
      const { code, message } = describeError(error);
      held.unshift(errorLine(code, message));
      exitCode = exitCodeFor(code);
    }
  }
  if (held.length > 0) {
    io.stderr(held.join(''));
  }
  return exitCode;
}

/** The command a command line runs when it names none. */
export const DEFAULT_COMMAND = 'render';

/**
 * The command line with the default command made explicit: an empty one, or one that starts with an option other than
 * the program's own (--help, --version), is render's. Any other first word is left to commander, which runs the
 * command it names or, for a mistyped one, suggests the nearest. (Commander's own default command would take the
 * mistyped word as an argument of render instead, and complain about render's arguments.)
 */
export function withDefaultCommand(program: Command, argv: readonly string[]): string[] {
  const programFlags = program
    .createHelp()
    .visibleOptions(program)
    .flatMap((option) => [option.short, option.long]);
  const first = argv[0];
  return first === undefined || (first.startsWith('-') && !programFlags.includes(first)) ? [DEFAULT_COMMAND, ...argv] : [...argv];
}

function packageVersion(): string {
  // ../package.json from both src/ (tests) and lib/ (the published binary).
  return (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
}
