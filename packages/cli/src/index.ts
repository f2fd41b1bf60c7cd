/**
 * @incluster/cli: the `incluster-kubeconfig` command.
 *
 * - createProgram(io) / runCli(argv, io): the commander program, wired to injectable io (src/program.ts);
 * - the commands: render (src/commands/render.ts), credential (src/commands/credential.ts),
 *   doctor (src/commands/doctor.ts, its checks in src/doctor/);
 * - the reusable pieces: atomic file writes, JWT claims, ExecCredential output, the Markdown reference.
 * The process entry, src/main.ts, only hands the real process to runCli.
 */
export { createProgram, runCli, PROGRAM_NAME } from './program';
export type { CliIo } from './io';
export { processIo } from './io';
export { CliError, EXIT_OK, EXIT_FAILURE, EXIT_USAGE, errorLine, exitCodeFor } from './errors';
export type { CliErrorCode, ExitCode } from './errors';
export { render, OUTPUT_FORMATS } from './commands/render';
export type { RenderFlags, OutputFormat } from './commands/render';
export { printCredential } from './commands/credential';
export type { CredentialFlags } from './commands/credential';
export { doctor } from './commands/doctor';
export type { DoctorFlags } from './commands/doctor';
export { diagnose } from './doctor/diagnose';
export type { DiagnoseOptions } from './doctor/diagnose';
export { formatChecklist, checklistJson } from './doctor/check';
export type { Check, CheckStatus } from './doctor/check';
export { probeApiServer } from './doctor/probe';
export type { ProbeOptions } from './doctor/probe';
export type { ConnectionFlags } from './commands/connection-options';
export { writeFileAtomically, OUTPUT_FILE_MODE } from './atomic-write';
export { decodeJwtClaims, jwtExpiry } from './jwt';
export type { JwtClaims } from './jwt';
export { EXEC_CREDENTIAL_API_VERSIONS, requestedApiVersion, credentialExpiry, execCredential } from './exec-credential-output';
export type { ExecCredential, ExecCredentialApiVersion } from './exec-credential-output';
export { renderCliMarkdown, REGENERATE_COMMAND } from './help-markdown';
export { EXIT_CODES } from './help-text';
