/**
 * The words the conformance suite records a client's behaviour in. Each section exports a table of them per credential
 * mode, asserts exactly that table, and docs/credentials.md is rendered from the same tables: a claim in the docs is
 * a measurement, never an assertion.
 */

/**
 * One request from a fresh client, with the kubeconfig as produced: it authenticated, it sent a credential that was
 * refused, or it sent none at all (the stand-in sees no Authorization header; a real server takes the request as
 * system:anonymous and forbids it).
 */
export type AuthenticationOutcome = 'authenticated' | 'HTTP 401' | 'no credential sent';

/**
 * Requests from one long-lived client after the kubelet rotated the token, the client's refresh window passed, and
 * the old token expired: all of them succeed, or all of them are refused.
 */
export type RotationOutcome = 'survives rotation' | 'HTTP 401';
