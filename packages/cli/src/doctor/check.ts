import type { CliErrorCode } from '../errors';

export type CheckStatus = 'pass' | 'fail' | 'skip';

/** One line of the doctor's checklist. Nothing in it is ever a token. */
export interface Check {
  /** Stable, for --json readers: 'api-server-address', 'token', 'version', ... */
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  /** What was found, or what is wrong. */
  readonly summary: string;
  /** Facts worth showing, such as the token's claims or the CA's subject. */
  readonly details: Readonly<Record<string, string>>;
  /** On failure: the error code the same problem has elsewhere in incluster. */
  readonly code?: CliErrorCode;
  /** On failure: how to fix it. */
  readonly hint?: string;
  /** What works now but deserves attention, such as an expired certificate beside a valid one. */
  readonly warnings?: readonly string[];
}

export function pass(id: string, title: string, summary: string, details: Record<string, string> = {}, warnings: readonly string[] = []): Check {
  return { id, title, status: 'pass', summary, details, ...(warnings.length === 0 ? {} : { warnings }) };
}

export function fail(id: string, title: string, problem: { code: CliErrorCode; summary: string; hint: string }, details: Record<string, string> = {}): Check {
  return { id, title, status: 'fail', summary: problem.summary, details, code: problem.code, hint: problem.hint };
}

export function skip(id: string, title: string, reason: string): Check {
  return { id, title, status: 'skip', summary: reason, details: {} };
}

const MARKS: Record<CheckStatus, string> = { pass: '✓', fail: '✗', skip: '-' };

/** The checklist for people: one line per check, its details indented under it, then the fix. */
export function formatChecklist(checks: readonly Check[]): string {
  return checks
    .map((check) => {
      const lines = [`${MARKS[check.status]} ${check.title}: ${check.summary}`];
      for (const [name, value] of Object.entries(check.details)) {
        lines.push(`    ${name}: ${value}`);
      }
      for (const warning of check.warnings ?? []) {
        lines.push(`    warning: ${warning}`);
      }
      if (check.hint) {
        lines.push(`    fix: ${check.hint}`);
      }
      return lines.join('\n');
    })
    .join('\n')
    .concat('\n');
}

/** The checklist for programs (doctor --json). */
export function checklistJson(checks: readonly Check[]): string {
  return `${JSON.stringify({ ok: checks.every((check) => check.status !== 'fail'), checks }, null, 2)}\n`;
}
