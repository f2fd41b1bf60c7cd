import { InvalidArgumentError } from 'commander';

/**
 * The value parser of every path flag. An empty value is what an unset shell variable gives (`--output-file "$OUT"`):
 * a usage error, rather than a path resolved against the current directory or silently ignored.
 */
export function nonEmptyPath(value: string): string {
  if (value === '') {
    throw new InvalidArgumentError('It is empty, as an unset shell variable makes it: give a path.');
  }
  return value;
}
