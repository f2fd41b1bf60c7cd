import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialSupportTable } from '../src/conformance/credential-support-table';

const CREDENTIALS_DOC = join(__dirname, '..', '..', '..', 'docs', 'credentials.md');
const TABLE = /<!-- measured-table:start[^\n]*-->\n([\s\S]*?)\n<!-- measured-table:end -->/;

describe('docs/credentials.md', () => {
  it('shows exactly the outcomes the conformance suite asserts', () => {
    const documented = TABLE.exec(readFileSync(CREDENTIALS_DOC, 'utf8'))?.[1];
    const measured = credentialSupportTable();

    if (documented !== measured) {
      throw new Error(`docs/credentials.md disagrees with the measured outcomes. Put this between its measured-table markers:\n\n${measured}\n`);
    }
  });
});
