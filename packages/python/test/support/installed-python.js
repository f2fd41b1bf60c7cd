// python -m incluster from the installed wheel (test/support/global-setup.js), as an init container runs it.
const { execFile } = require('node:child_process');
const { tmpdir } = require('node:os');

/** The wheel's virtualenv's python: the setup made it, or the test runs outside `npx projen test`. */
function installedPython() {
  const python = process.env.INCLUSTER_WHEEL_PYTHON;
  if (!python) {
    throw new Error('INCLUSTER_WHEEL_PYTHON is not set: run the Jest tests through "npx projen test" in packages/python, whose global setup installs the wheel');
  }
  return python;
}

/** The flags a shell script would pass for the conformance suite's options: incluster-kubeconfig render's own. */
function renderFlags(options) {
  const valued = [
    ['--credential', options.credential],
    ['--namespace', options.namespace],
    ['--service-account-dir', options.serviceAccountDir],
    ['--server', options.server],
    ['--tls-server-name', options.tlsServerName],
    ['--proxy-url', options.proxyUrl],
    ['--cluster-name', options.clusterName],
    ['--user-name', options.userName],
    ['--context', options.contextName],
  ];
  return [
    'render',
    ...valued.flatMap(([flag, value]) => (value === undefined ? [] : [flag, value])),
    ...(options.embedCertificateAuthority ? ['--embed-ca'] : []),
    ...(options.credential === 'embedded' ? ['--allow-embedded-token'] : []),
  ];
}

/** Runs `python -I -m incluster <args>` with exactly `env`, from a directory that holds nothing of the repository. */
function runIncluster(args, env) {
  return new Promise((resolve) => {
    execFile(installedPython(), ['-I', '-m', 'incluster', ...args], { env: { ...env }, cwd: tmpdir() }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A conformance producer: the kubeconfig text, or an error whose `code` is the one on the error line. */
async function produceWithPythonM({ env, options }) {
  const { code, stdout, stderr } = await runIncluster(renderFlags(options), env);
  if (code === 0) {
    return stdout;
  }
  const errorCode = /^incluster: error (\w+):/.exec(stderr)?.[1];
  throw Object.assign(new Error(stderr.trim()), { code: errorCode });
}

module.exports = { installedPython, produceWithPythonM, renderFlags, runIncluster };
