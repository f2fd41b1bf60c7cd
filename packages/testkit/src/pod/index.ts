/** A Pod's service-account volume in the kubelet's layout, and the tokens it holds. */
export { SimulatedPod, SimulatedPodOptions, SERVICE_ACCOUNT_FILES, ServiceAccountFile } from './simulated-pod';
export { TokenClaims, decodeTokenClaims, issueServiceAccountToken } from './service-account-token';
export { ServiceAccountIdentity, TokenAuthority } from './token-authority';
