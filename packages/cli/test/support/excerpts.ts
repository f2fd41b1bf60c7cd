import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPOSITORY_ROOT } from './repository';

/**
 * The files that contain the excerpt as consecutive lines, ignoring a common indentation on either side: proof that a
 * document shows code as it is, rather than a copy that may drift.
 */
export function filesContaining(excerpt: string, files: readonly string[]): string[] {
  const wanted = dedent(excerpt.replace(/\n$/, '').split('\n'));
  return files
    .filter((file) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      return lines.some((_, start) => start + wanted.length <= lines.length && dedent(lines.slice(start, start + wanted.length)).join('\n') === wanted.join('\n'));
    })
    .map((file) => relative(REPOSITORY_ROOT, file));
}

function dedent(lines: readonly string[]): string[] {
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length));
  return lines.map((line) => line.slice(indent));
}

/** Every file under a directory whose name passes the filter, node_modules and build output left out. */
export function filesUnder(dir: string, keep: (name: string) => boolean = () => true): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      return ['node_modules', 'lib', 'bin', 'coverage'].includes(entry.name) ? [] : filesUnder(join(dir, entry.name), keep);
    }
    return keep(entry.name) ? [join(dir, entry.name)] : [];
  });
}
