// Not shipped: runs the CLI's bundle with Node's own compile cache, module.enableCompileCache (Node 22.1 and later),
// instead of the binary's (packages/cli/src/compile-cache.ts), to show why the binary keeps a cache of its own:
// Node's holds the code compiled when a file loads, which for a bundle is little more than its top level.
// `node node-compile-cache.js BUNDLE CACHE_DIR ARGS…`
const { enableCompileCache } = require('node:module');

const [bundle, directory, ...args] = process.argv.slice(2);
enableCompileCache(directory);
process.argv = [process.argv[0], bundle, ...args];
require(bundle);
