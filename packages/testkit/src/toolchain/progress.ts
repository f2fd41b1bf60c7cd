const REPORT_EVERY_MS = 30_000;

/** Human time, such as `4m05s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/**
 * Runs a slow step and says what it is doing while it runs: a line when it starts, one every 30 s with the time so
 * far, and one when it ends. Written to stderr, which Jest and lerna pass through as it comes.
 */
export async function withProgress<T>(what: string, expected: string, step: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const say = (line: string) => process.stderr.write(`[incluster toolchain] ${line}\n`);
  say(`${what} (${expected})…`);
  const timer = setInterval(() => say(`${what}: ${formatDuration(Date.now() - start)} so far`), REPORT_EVERY_MS);
  try {
    const result = await step();
    say(`${what}: done in ${formatDuration(Date.now() - start)}`);
    return result;
  } finally {
    clearInterval(timer);
  }
}
