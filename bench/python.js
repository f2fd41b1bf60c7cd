// The Python package's share of `npm run bench`: what `python -m incluster` and `import incluster` cost next to
// `python -c pass`, from a wheel installed into a fresh virtualenv (bytecode compiled at install, as pip does for
// users), and its render rate in process. Each figure is a median, quoted against the baseline run in turns with it.
const { execFileSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { interleave, timeProcess } = require('./measure');

const PACKAGE_DIR = join(__dirname, '..', 'packages', 'python');

/** The package built as a wheel and installed alone into a fresh virtualenv under `workdir`; returns its python. */
function installWheel(workdir, log) {
  const run = (command, args) => execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  log('python: building the wheel and installing it into a fresh virtualenv');
  const devPython = run('python3', [join(PACKAGE_DIR, 'scripts', 'dev_env.py')]);
  const dist = join(workdir, 'python-dist');
  run(devPython, ['-m', 'build', '--no-isolation', '--wheel', '--outdir', dist, PACKAGE_DIR]);
  const venv = join(workdir, 'python-venv');
  run(devPython, ['-m', 'venv', '--without-pip', venv]);
  const python = join(venv, 'bin', 'python');
  const wheel = join(dist, readdirSync(dist).find((file) => file.endsWith('.whl')));
  run(devPython, ['-m', 'pip', '--disable-pip-version-check', '--python', python, 'install', '--quiet', '--no-index', '--no-deps', '--compile', wheel]);
  const installed = run(python, ['-I', '-c', INSTALLED_BYTES]);
  return { python, wheelBytes: statSync(wheel).size, installedBytes: Number(installed) };
}

/** The bytes pip installed for the package: every file its RECORD lists, bytecode and .dist-info included. */
const INSTALLED_BYTES = `
import importlib.metadata as metadata, os
print(sum(os.path.getsize(file.locate()) for file in metadata.distribution("incluster").files if os.path.exists(file.locate())))
`;
const RENDER_RATE = `
import timeit
from incluster import discover_pod_environment, render_kubeconfig, to_json
pod = discover_pod_environment()
for name, call in (("render", lambda: render_kubeconfig(pod)), ("renderToJson", lambda: to_json(render_kubeconfig(pod)))):
    number, _ = timeit.Timer(call).autorange()
    best = sorted(timeit.repeat(call, number=number, repeat=9))[4] / number
    print(name, best * 1e6)
`;

async function measurePython(cluster, workdir, { runs, log }) {
  const { python, wheelBytes, installedBytes } = installWheel(workdir, log);
  const version = execFileSync(python, ['-c', 'import platform; print(platform.python_version())'], { encoding: 'utf8' }).trim();
  // The Pod's environment and nothing else, as an init container has it; -I keeps the runner's PYTHON* variables out.
  const env = { ...cluster.env };
  const json = execFileSync(python, ['-I', '-m', 'incluster'], { env, encoding: 'utf8' });
  log(`python: ${runs} runs of each, interleaved`);
  const samples = await interleave(
    [
      { id: 'pass', command: python, args: ['-I', '-c', 'pass'] },
      // The floor of any JSON writer: json, and the re it imports.
      { id: 'json', command: python, args: ['-I', '-c', 'import json'] },
      { id: 'import', command: python, args: ['-I', '-c', 'import incluster'] },
      { id: 'render', command: python, args: ['-I', '-m', 'incluster'], check: (out) => out === json },
    ],
    { runs, time: (variant) => timeProcess({ ...variant, env }) },
  );
  const inProcess = Object.fromEntries(
    execFileSync(python, ['-I', '-c', RENDER_RATE], { env, encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .map(([name, microseconds]) => [name, { microseconds: Number(microseconds), perSecond: 1e6 / Number(microseconds) }]),
  );
  return {
    python: version,
    wheelBytes,
    installedBytes,
    ...samples,
    jsonRatio: samples.json.median / samples.pass.median,
    importRatio: samples.import.median / samples.pass.median,
    renderRatio: samples.render.median / samples.pass.median,
    inProcess,
  };
}

/** The Markdown section of the bench's output. */
function pythonTable(p) {
  const ms = (value) => `${value.toFixed(1)} ms`;
  const count = (value) => Math.round(value).toLocaleString('en-US');
  return [
    `### The Python package (CPython ${p.python}, the wheel in a fresh virtualenv; median of ${p.pass.runs} runs)`,
    '',
    '| command | median | vs `python -c pass` |',
    '|---|--:|--:|',
    `| \`python -I -c pass\` (baseline) | ${ms(p.pass.median)} | 1.00× |`,
    `| floor: \`python -I -c "import json"\` (json and re, which any JSON writer loads) | ${ms(p.json.median)} | ${p.jsonRatio.toFixed(2)}× |`,
    `| \`python -I -c "import incluster"\` | ${ms(p.import.median)} | ${p.importRatio.toFixed(2)}× |`,
    `| \`python -I -m incluster\` (render, JSON) | ${ms(p.render.median)} | ${p.renderRatio.toFixed(2)}× |`,
    '',
    '| in process | per call | per second |',
    '|---|--:|--:|',
    `| \`render_kubeconfig(pod)\` | ${p.inProcess.render.microseconds.toFixed(2)} µs | ${count(p.inProcess.render.perSecond)} |`,
    `| \`to_json(render_kubeconfig(pod))\` | ${p.inProcess.renderToJson.microseconds.toFixed(2)} µs | ${count(p.inProcess.renderToJson.perSecond)} |`,
    '',
    `The wheel: ${(p.wheelBytes / 1e3).toFixed(1)} kB; installed with its bytecode: ${(p.installedBytes / 1e3).toFixed(1)} kB, and no dependency.`,
    '',
    '',
  ].join('\n');
}

module.exports = { measurePython, pythonTable };
