// Not shipped: runs the bundled binary with a V8 code cache, to measure what compiling its JavaScript costs a cold
// start. `node code-cache.js BUNDLE CACHE --produce ARGS…` runs it and writes the cache as it exits; without
// --produce, it runs it from the cache (and fails if V8 rejects the cache, so that a timing never hides a recompile).
const { readFileSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
const { wrap } = require('node:module');
const { Script } = require('node:vm');

const [bundle, cache, ...rest] = process.argv.slice(2);
const produce = rest[0] === '--produce';
const args = produce ? rest.slice(1) : rest;
const source = readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
const script = new Script(wrap(source), { filename: bundle, cachedData: produce ? undefined : readFileSync(cache) });
if (!produce && script.cachedDataRejected) {
  throw new Error('V8 rejected the code cache');
}
if (produce) {
  // After the run, so that the functions the run compiled are in the cache too.
  process.on('exit', () => writeFileSync(cache, script.createCachedData()));
}
process.argv = [process.argv[0], bundle, ...args];
const module_ = { exports: {} };
script.runInThisContext().call(module_.exports, module_.exports, require, module_, bundle, dirname(bundle));
