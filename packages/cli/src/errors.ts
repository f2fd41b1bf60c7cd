import { type InClusterErrorCode, isInClusterConfigError } from '@incluster/core';
import { CommanderError } from 'commander';

/**
 * The code on the first line of every error: one of @incluster/core's, or one of the CLI's own.
 * Wrappers match on it, so codes never change meaning.
 */
export type CliErrorCode =
  | InClusterErrorCode
  /** The command line is wrong: an unknown command or flag, a bad flag value, a missing confirmation. */
  | 'USAGE'
  /** --output-file could not be written. */
  | 'OUTPUT_FILE'
  /** doctor --probe: the API server could not be reached, or refused the token. */
  | 'PROBE_FAILED'
  /** doctor: the token's exp claim has passed, so the API server will refuse it. */
  | 'TOKEN_EXPIRED'
  /** A bug: anything the CLI did not expect. */
  | 'INTERNAL';

export const EXIT_OK = 0;
/** The Pod environment, the output file or the API server let us down. */
export const EXIT_FAILURE = 1;
/** The command line was wrong: USAGE, or a flag value the core refuses (INVALID_OPTION). */
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FAILURE | typeof EXIT_USAGE;

/** A failure the CLI reports on its own terms. Its message, like core's, never contains a token. */
export class CliError extends Error {
  constructor(
    public readonly code: CliErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A flag value the core refuses (INVALID_OPTION) is a usage error too: every render option comes from a flag. */
export function exitCodeFor(code: CliErrorCode): ExitCode {
  return code === 'USAGE' || code === 'INVALID_OPTION' ? EXIT_USAGE : EXIT_FAILURE;
}

/** The stable first line of every error: `incluster-kubeconfig: error <CODE>: <message>`. */
export function errorLine(code: CliErrorCode, message: string): string {
  return `incluster-kubeconfig: error ${code}: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`;
}

export function warningLine(message: string): string {
  return `incluster-kubeconfig: warning: ${message}\n`;
}

/** Any error thrown while running a command, as the code and message to report. */
export function describeError(error: unknown): { code: CliErrorCode; message: string } {
  if (error instanceof CliError || isInClusterConfigError(error)) {
    return { code: error.code, message: error.message };
  }
  if (error instanceof CommanderError) {
    // `help <unknown command>` shows the help on stderr and ends with a placeholder message.
    if (error.code === 'commander.help') {
      return { code: 'USAGE', message: 'no such command: see the commands listed below' };
    }
    // Commander's messages start with "error: ", which the line already says.
    const message = error.message.replace(/^error: /, '');
    if (error.code === 'commander.unknownCommand' && !message.includes('Did you mean')) {
      return { code: 'USAGE', message: `${message}: see --help for the commands` };
    }
    return { code: 'USAGE', message };
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
