/**
 * @incluster/testkit: the proving ground every incluster package shares.
 * Golden vectors are language-neutral JSON cases; see vectors/README.md for their format.
 */
export { GOLDEN_VECTORS_DIR, GoldenVector, loadGoldenVectors } from './golden-vectors';
export { SimulatedPod, SimulatedPodOptions, SERVICE_ACCOUNT_FILES } from './simulated-pod';
export { TokenClaims, decodeTokenClaims, issueServiceAccountToken } from './service-account-token';
export { ServiceAccountIdentity, TokenAuthority } from './token-authority';
