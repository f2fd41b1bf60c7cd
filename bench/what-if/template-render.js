// Not incluster: the least a Node program can do to print this Pod's default kubeconfig. It checks the two files,
// reads the namespace and fills a string template, with no validation, no quoting, no IPv6 brackets and no library,
// and writes it with write(2) on fd 1, as the binary does (process.stdout would load Node's stream modules).
// The benchmark times it as the floor of a cold start in Node, and checks that it prints the same bytes as `render`.
const { accessSync, constants, readFileSync, writeSync } = require('node:fs');

const { KUBERNETES_SERVICE_HOST: host, KUBERNETES_SERVICE_PORT: port, INCLUSTER_SERVICE_ACCOUNT_DIR: dir } = process.env;
accessSync(`${dir}/token`, constants.R_OK);
accessSync(`${dir}/ca.crt`, constants.R_OK);
const namespace = readFileSync(`${dir}/namespace`, 'utf8').trim();
writeSync(1, `apiVersion: v1
kind: Config
clusters:
- name: incluster
  cluster:
    server: https://${host}:${port}
    certificate-authority: ${dir}/ca.crt
users:
- name: incluster
  user:
    tokenFile: ${dir}/token
contexts:
- name: incluster
  context:
    cluster: incluster
    user: incluster
    namespace: ${namespace}
current-context: incluster
`);
