/** A fenced code block of a Markdown document. */
export interface FencedBlock {
  /** The info string's language: `sh`, `yaml`, `python`, `ts`, `text`, or empty. */
  readonly language: string;
  readonly text: string;
  /** The line of the opening fence, counted from 1, for messages. */
  readonly line: number;
}

/** Every fenced code block of a Markdown document, in order. Fences must be ``` at the start of a line. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const pattern = /^```(\S*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (let match = pattern.exec(markdown); match !== null; match = pattern.exec(markdown)) {
    blocks.push({ language: match[1], text: match[2], line: markdown.slice(0, match.index).split('\n').length });
  }
  return blocks;
}

/** Marks a shell block whose commands need what CI has not: a real cluster, Docker, a published package. */
export const NOT_RUN_MARKER = /^# Not run in CI: \S.*$/;

/**
 * The commands of a shell block, one per entry: comment lines and blank lines dropped, lines ending in `\` joined
 * with the next. A block whose first line is NOT_RUN_MARKER has none that CI runs.
 */
export function shellCommands(block: FencedBlock): { readonly run: readonly string[]; readonly notRunBecause?: string } {
  const lines = block.text.replace(/\\\n/g, ' ').split('\n');
  if (NOT_RUN_MARKER.test(lines[0])) {
    return { run: [], notRunBecause: lines[0].replace(/^# Not run in CI: /, '') };
  }
  return { run: lines.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#')) };
}
