/** Who a bearer token belongs to, as the API server reports it in a SelfSubjectReview. */
export interface ServiceAccountIdentity {
  /** `system:serviceaccount:<namespace>:<name>` */
  readonly username: string;
  readonly uid: string;
  readonly groups: readonly string[];
}

/**
 * Decides which bearer tokens the stand-in API server accepts. The simulated Pod is one: it accepts the tokens it
 * issued until they are revoked, as the real API server accepts a projected token until it expires.
 */
export interface TokenAuthority {
  /** The identity behind a valid token, or undefined when the token is unknown or revoked. */
  identify(token: string): ServiceAccountIdentity | undefined;
}
