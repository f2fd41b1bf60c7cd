import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGENERATE_COMMAND, renderCliMarkdown } from '../src';

const CLI_DOCS = join(__dirname, '..', '..', '..', 'docs', 'cli.md');

describe('docs/cli.md', () => {
  it('is what the commander definitions generate', () => {
    const committed = readFileSync(CLI_DOCS, 'utf8');
    const generated = renderCliMarkdown();

    if (committed !== generated) {
      throw new Error(`docs/cli.md is out of date with the commands in packages/cli/src. Regenerate it: ${REGENERATE_COMMAND}`);
    }
  });

  it('documents every command, option, example and exit code', () => {
    const markdown = renderCliMarkdown();

    for (const heading of ['## incluster-kubeconfig render', '## incluster-kubeconfig credential', '## incluster-kubeconfig doctor', '## Exit codes']) {
      expect(markdown).toContain(`\n${heading}\n`);
    }
    for (const option of ['--credential <mode>', '--allow-embedded-token', '--output-file <path>', '--token-file <path>', '--probe', '--json']) {
      expect(markdown).toContain(`| \`${option}\` |`);
    }
    expect(markdown).toContain('```sh\n# The kubeconfig of this Pod, referencing its rotating token\nincluster-kubeconfig\n');
    expect(markdown).toMatch(/^\| 2 \| the command line is wrong/m);
  });
});
