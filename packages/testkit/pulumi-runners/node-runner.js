// Runs one Pulumi operation on a Node.js program directory, as an Automation API inline program: the program runs
// in this process, and the pulumi CLI reaches it through the SDK's own language server (`--client`), so no
// pulumi-language-nodejs host is needed. Input: one JSON argument. Output: a JSON line per engine event, then a
// last line with the result; the engine's text goes to stderr.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const request = JSON.parse(process.argv[2]);
const fromProgram = (name) => require(require.resolve(name, { paths: [request.programDir] }));
const automation = fromProgram('@pulumi/pulumi/automation');

function programEntry() {
  const manifest = join(request.programDir, 'package.json');
  const main = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).main : undefined;
  return join(request.programDir, main ?? 'index.js');
}

async function program() {
  const entry = programEntry();
  if (entry.endsWith('.ts')) {
    // Transpile only, as PULUMI_NODEJS_TRANSPILE_ONLY does: type-checking @pulumi/kubernetes on every run takes long.
    fromProgram('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs', ignoreDeprecations: '6.0' } });
  }
  return require(entry);
}

async function main() {
  const stack = await automation.LocalWorkspace.createOrSelectStack(
    { stackName: request.stackName, projectName: request.projectName, program },
    {
      workDir: request.workDir,
      projectSettings: { name: request.projectName, runtime: 'nodejs', backend: { url: request.backendUrl } },
    },
  );
  await stack.setAllConfig(Object.fromEntries(Object.entries(request.config).map(([key, value]) => [key, { value }])));
  for (const key of request.removeConfig) {
    await stack.removeConfig(key);
  }
  const onEvent = (event) => process.stdout.write(`${JSON.stringify({ event })}\n`);
  const onOutput = (text) => process.stderr.write(text);
  const options = { onEvent, onOutput };
  switch (request.operation) {
    case 'up':
      return summaryOf(await stack.up(options));
    case 'preview': {
      const result = await stack.preview({ ...options, diff: true, expectNoChanges: request.expectNoChanges });
      return { changeSummary: result.changeSummary };
    }
    case 'refresh':
      return summaryOf(await stack.refresh(options));
    case 'destroy':
      return summaryOf(await stack.destroy(options));
    default:
      throw new Error(`unknown operation ${request.operation}`);
  }
}

function summaryOf(result) {
  return { changeSummary: result.summary.resourceChanges ?? {}, outputs: Object.fromEntries(Object.entries(result.outputs ?? {}).map(([k, v]) => [k, v.secret ? '[secret]' : v.value])) };
}

main().then(
  (result) => process.stdout.write(`${JSON.stringify({ result })}\n`, () => process.exit(0)),
  (error) => process.stdout.write(`${JSON.stringify({ error: { message: String(error.message ?? error) } })}\n`, () => process.exit(1)),
);
