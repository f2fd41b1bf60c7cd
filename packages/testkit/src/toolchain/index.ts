/** Where the binaries the tests run come from, pinned and cached outside the repository. */
export { kubectlPath } from './kubectl-binary';
