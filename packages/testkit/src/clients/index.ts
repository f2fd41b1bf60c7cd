/**
 * The real clients a kubeconfig must satisfy, each run as its users run it: kubectl, helm, client-node, the Python
 * client; and the YAML readers behind them, run over many files at once (client-go's loader, PyYAML).
 */
export {
  KubectlOptions,
  KubectlResult,
  KubernetesVersionInfo,
  kubectlGetConfigMapNames,
  kubectlGetRawVersion,
  kubectlVersion,
  kubectlWhoami,
  runKubectl,
} from './kubectl';
export { KubectlProxy, KubectlProxyOptions, startKubectlProxy } from './kubectl-proxy';
export { ClientNodeError, clientNodeListConfigMapNames } from './client-node';
export {
  INSTALL_TEST_TOOLS_SCRIPT,
  PYTHON_WITH_KUBERNETES_CLIENT,
  PythonClient,
  PythonClientError,
  PythonClientOptions,
  pythonListConfigMapNames,
  startPythonClient,
} from './python-client';
export { helmListReleases, runHelm } from './helm';
export { ProcessOutput } from './process-output';
export { ClientGoReading, PyYamlOptions, PyYamlReading, readKubeconfigsWithClientGo, readKubeconfigsWithPyYaml } from './kubeconfig-readers';
