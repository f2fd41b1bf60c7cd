// Jest's global setup: the package as users get it. The wheel is built from the sources and installed into a fresh
// virtualenv that holds nothing else; every Jest test runs `python -I` from there (isolated: no PYTHONPATH, no user
// site, not the working directory), with only the environment the test gives it.
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readdirSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const PACKAGE_DIR = join(__dirname, '..', '..');

/** Runs a command; its stdout, trimmed, is the result; its progress (stderr) is shown. */
function run(command, args) {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

module.exports = async function globalSetup() {
  const devPython = run('python3', [join(PACKAGE_DIR, 'scripts', 'dev_env.py')]);
  const work = mkdtempSync(join(tmpdir(), 'incluster-python-wheel-'));
  run(devPython, ['-m', 'build', '--no-isolation', '--wheel', '--outdir', join(work, 'dist'), PACKAGE_DIR]);
  const [wheel] = readdirSync(join(work, 'dist')).filter((file) => file.endsWith('.whl'));
  const venv = join(work, 'venv');
  run(devPython, ['-m', 'venv', '--without-pip', venv]);
  const python = join(venv, 'bin', 'python');
  run(devPython, ['-m', 'pip', '--disable-pip-version-check', '--python', python, 'install', '--quiet', '--no-index', '--no-deps', join(work, 'dist', wheel)]);
  process.env.INCLUSTER_WHEEL_PYTHON = python;
  process.env.INCLUSTER_WHEEL_SITE_PACKAGES = run(python, ['-c', 'import sysconfig; print(sysconfig.get_path("purelib"))']);
  process.env.INCLUSTER_DEV_PYTHON = devPython;
  process.env.INCLUSTER_WHEEL_WORK = work;
};
