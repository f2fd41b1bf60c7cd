// python -m incluster from the installed wheel (test/support/global-setup.js), as an init container runs it.
const { execFile } = require('node:child_process');
const { tmpdir } = require('node:os');
const { renderArguments } = require('@incluster/testkit');

/** The wheel's virtualenv's python: the setup made it, or the test runs outside `npx projen test`. */
function installedPython() {
  const python = process.env.INCLUSTER_WHEEL_PYTHON;
  if (!python) {
    throw new Error('INCLUSTER_WHEEL_PYTHON is not set: run the Jest tests through "npx projen test" in packages/python, whose global setup installs the wheel');
  }
  return python;
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
  const { code, stdout, stderr } = await runIncluster(renderArguments(options), env);
  if (code === 0) {
    return stdout;
  }
  const errorCode = /^incluster: error (\w+):/.exec(stderr)?.[1];
  throw Object.assign(new Error(stderr.trim()), { code: errorCode });
}

module.exports = { installedPython, produceWithPythonM, runIncluster };
