import type { SimulatedPod } from '@incluster/testkit';

/** Every simulated Pod the tests of this file made (Jest gives each test file its own copy of this module). */
const watched = new Set<SimulatedPod>();

/** Puts a Pod's tokens, those it has issued and those it will, under the guard of expectNoToken. */
export function watchTokens<T extends SimulatedPod>(pod: T): T {
  watched.add(pod);
  return pod;
}

/**
 * The promise that matters most: no output ever shows a service-account token. Checks text against every token any
 * watched Pod has issued, rotated and revoked ones included, and fails without quoting the text (which would print the
 * token). Every helper that runs something and hands back its output calls it; a command whose purpose is to print the
 * token (credential, render --credential embedded) is exempt on stdout only, by the caller's say-so.
 */
export function expectNoToken(text: string, where: string): void {
  for (const pod of watched) {
    if (pod.issuedTokens.some((token) => text.includes(token))) {
      throw new Error(`${where} shows a service-account token of the Pod at ${pod.serviceAccountDir}`);
    }
  }
}

/** Which streams may show the token: none, unless the command exists to print it. */
export interface TokenExpectation {
  /** The command prints the token on stdout on purpose: credential, render --credential embedded. */
  readonly printsToken?: boolean;
}

export function expectNoTokenInOutput(output: { readonly stdout: string; readonly stderr: string }, what: string, expectation: TokenExpectation = {}): void {
  expectNoToken(output.stderr, `stderr of ${what}`);
  if (!expectation.printsToken) {
    expectNoToken(output.stdout, `stdout of ${what}`);
  }
}
