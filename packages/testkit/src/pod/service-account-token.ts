import { randomBytes, randomUUID } from 'node:crypto';

export interface TokenClaims {
  readonly iss: string;
  readonly aud: readonly string[];
  readonly sub: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  readonly jti: string;
  readonly 'kubernetes.io': { readonly namespace: string; readonly serviceaccount: { readonly name: string; readonly uid: string } };
}

const ISSUER = 'https://kubernetes.default.svc.cluster.local';

/**
 * A JWT-shaped projected service-account token with the claims the API server issues (sub, iat, exp…).
 * The signature is random bytes: only the stand-in API server, which keeps its own list, has to accept it.
 */
export function issueServiceAccountToken(options: { namespace: string; name: string; uid: string; lifetimeSeconds: number; now?: number }): string {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const claims: TokenClaims = {
    iss: ISSUER,
    aud: [ISSUER],
    sub: `system:serviceaccount:${options.namespace}:${options.name}`,
    iat,
    nbf: iat,
    exp: iat + options.lifetimeSeconds,
    jti: randomUUID(),
    'kubernetes.io': { namespace: options.namespace, serviceaccount: { name: options.name, uid: options.uid } },
  };
  return [base64url({ alg: 'RS256', kid: 'incluster-testkit' }), base64url(claims), randomBytes(32).toString('base64url')].join('.');
}

/** Reads a token's claims without verifying it, as a client may to learn its expiry. */
export function decodeTokenClaims(token: string): TokenClaims {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
