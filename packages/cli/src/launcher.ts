#!/usr/bin/env node
// The binary's first file, bin/incluster-kubeconfig.js, kept small because Node compiles it on every start: it runs
// bin/main.js, the bundle of everything else, from the compile cache (src/compile-cache.ts, docs/performance.md).
import { join } from 'node:path';
import { runBundle } from './compile-cache';

runBundle(join(__dirname, 'main.js'));
