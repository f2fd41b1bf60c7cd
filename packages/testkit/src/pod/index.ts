/** A Pod's service-account volume in the kubelet's layout, and the tokens it holds. */
export { SimulatedPod, SimulatedPodOptions, podEnvironment } from './simulated-pod';
export { SERVICE_ACCOUNT_FILES, ServiceAccountFile, ServiceAccountVolume } from './service-account-volume';
export { TokenClaims, decodeTokenClaims, issueServiceAccountToken } from './service-account-token';
export { ServiceAccountIdentity, TokenAuthority } from './token-authority';
