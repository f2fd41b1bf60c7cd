import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { filesContaining, filesUnder } from './support/excerpts';
import { type FencedBlock, fencedBlocks } from './support/fenced-blocks';
import { REPOSITORY_ROOT } from './support/repository';

// Every TypeScript block in the docs and the package READMEs compiles, as guides.test.ts runs their shell commands.
// A block is either an excerpt, copied as it is from a file that CI type-checks anyway, or a program of its own,
// type-checked here against the packages as built (lib/*.d.ts), with the strictness a user's project would have.

const DOCUMENTS = [
  'README.md',
  ...readdirSync(join(REPOSITORY_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
  ...readdirSync(join(REPOSITORY_ROOT, 'packages')).map((name) => `packages/${name}/README.md`),
].sort();

/** The TypeScript that CI type-checks on its own: .projenrc.ts by every synth, the example, each package's src and tests. */
const TYPE_CHECKED_SOURCES = [
  join(REPOSITORY_ROOT, '.projenrc.ts'),
  join(REPOSITORY_ROOT, 'examples', 'pulumi-typescript', 'index.ts'),
  ...readdirSync(join(REPOSITORY_ROOT, 'packages')).flatMap((name) =>
    ['src', 'test'].flatMap((dir) => filesUnder(join(REPOSITORY_ROOT, 'packages', name, dir), (file) => file.endsWith('.ts'))),
  ),
];

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  // CommonJS and its default resolution, as the packages themselves are built.
  module: ts.ModuleKind.CommonJS,
  // Each block is a module of its own, so that two blocks may declare the same names.
  moduleDetection: ts.ModuleDetectionKind.Force,
  esModuleInterop: true,
  types: ['node'],
  skipLibCheck: true,
  noEmit: true,
};

interface Snippet {
  readonly document: string;
  readonly block: FencedBlock;
  /** The files it is an excerpt of; empty for a program of its own. */
  readonly sources: readonly string[];
  /** Where it is compiled: beside the document, so that its imports resolve as in the repository. */
  readonly fileName: string;
}

const snippets: Snippet[] = DOCUMENTS.flatMap((document) =>
  fencedBlocks(readFileSync(join(REPOSITORY_ROOT, document), 'utf8'))
    .filter(({ language }) => ['ts', 'typescript', 'tsx'].includes(language))
    .map((block) => ({
      document,
      block,
      sources: filesContaining(block.text, TYPE_CHECKED_SOURCES),
      fileName: join(REPOSITORY_ROOT, `${document.replace(/\.md$/, '')}.line-${block.line}.ts`),
    })),
);

/** One program for all the blocks of their own: the diagnostics of each, as the compiler prints them. */
function typeCheck(programs: readonly Snippet[]): Map<string, string[]> {
  const texts = new Map(programs.map((snippet) => [snippet.fileName, snippet.block.text]));
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const readFromDisk = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    texts.has(fileName) ? ts.createSourceFile(fileName, texts.get(fileName)!, languageVersion, true) : readFromDisk(fileName, languageVersion, ...rest);
  host.fileExists = (fileName) => texts.has(fileName) || ts.sys.fileExists(fileName);
  host.readFile = (fileName) => texts.get(fileName) ?? ts.sys.readFile(fileName);
  const program = ts.createProgram([...texts.keys()], COMPILER_OPTIONS, host);
  const diagnostics = new Map<string, string[]>([...texts.keys()].map((fileName) => [fileName, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const fileName = diagnostic.file?.fileName;
    const where = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
    const message = `line ${where} of the block: TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    (fileName !== undefined && diagnostics.has(fileName) ? diagnostics.get(fileName)! : diagnostics.values().next().value!).push(message);
  }
  return diagnostics;
}

describe('the TypeScript in the docs', () => {
  it('is there to check: the READMEs of the packages and the adapters guide show code', () => {
    expect(snippets.map(({ document }) => document)).toEqual(expect.arrayContaining(['docs/adapters.md', 'packages/core/README.md', 'packages/testkit/README.md']));
  });

  const excerpts = snippets.filter((snippet) => snippet.sources.length > 0);
  const programs = snippets.filter((snippet) => snippet.sources.length === 0);
  let diagnostics: Map<string, string[]>;
  beforeAll(() => {
    diagnostics = typeCheck(programs);
  }, 120_000);

  it.each(excerpts.map((snippet) => [snippet.document, snippet.block.line, snippet.sources[0], snippet] as const))(
    '%s, line %i: is an excerpt of %s, which CI type-checks',
    (_document, _line, _source, snippet) => {
      expect(snippet.sources).not.toEqual([]);
    },
  );

  it.each(programs.map((snippet) => [snippet.document, snippet.block.line, snippet] as const))('%s, line %i: compiles', (_document, _line, snippet) => {
    expect(diagnostics.get(snippet.fileName)).toEqual([]);
  });
});
