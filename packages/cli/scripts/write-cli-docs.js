#!/usr/bin/env node
// Writes docs/cli.md from the commander definitions. Needs lib/: run `npx tsc --build` in packages/cli first.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { renderCliMarkdown } = require('../lib');

const target = join(__dirname, '..', '..', '..', 'docs', 'cli.md');
writeFileSync(target, renderCliMarkdown());
console.error(`wrote ${target}`);
