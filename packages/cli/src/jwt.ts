/** The claims of a service-account token that incluster looks at. Other claims are kept but not typed. */
export interface JwtClaims {
  readonly sub?: string;
  readonly aud?: string | readonly string[];
  /** Expiry, in seconds since the epoch. */
  readonly exp?: number;
  readonly [claim: string]: unknown;
}

/**
 * Reads the payload of a JWT without verifying its signature: enough to learn when a token expires and whom it
 * names, never to trust it. Returns undefined for anything that is not a JWT with a JSON object payload (legacy
 * or opaque tokens), so callers fall back to not knowing.
 */
export function decodeJwtClaims(token: string): JwtClaims | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1])) {
    return undefined;
  }
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as JwtClaims) : undefined;
  } catch {
    return undefined;
  }
}

/** The token's expiry as a Date, when it has a numeric exp claim. */
export function jwtExpiry(claims: JwtClaims | undefined): Date | undefined {
  const exp = claims?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : undefined;
}
