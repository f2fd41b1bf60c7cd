/**
 * Sections of the conformance suite a run may leave out, named in INCLUSTER_CONFORMANCE_SKIP (comma-separated).
 * Only `rotation` can be: it waits past client-go's refresh window, over a minute, and proves nothing that depends on
 * the Node.js version, so a compatibility run across Node versions runs it once per credential mode (in `npm test`)
 * rather than once per Node version. A skipped section is declared with describe.skip, so each of its cases shows
 * as skipped in Jest's output and counts; it never silently vanishes.
 */
export const SKIPPABLE_SECTIONS = ['rotation'] as const;

export type SkippableSection = (typeof SKIPPABLE_SECTIONS)[number];

export const SKIP_VARIABLE = 'INCLUSTER_CONFORMANCE_SKIP';

/** The sections named in the environment; an unknown name is an error, so a typo never runs the slow section. */
export function skippedSections(env: NodeJS.ProcessEnv = process.env): ReadonlySet<SkippableSection> {
  const names = (env[SKIP_VARIABLE] ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of names) {
    if (!(SKIPPABLE_SECTIONS as readonly string[]).includes(name)) {
      throw new Error(`${SKIP_VARIABLE}=${env[SKIP_VARIABLE]}: unknown section '${name}'; the sections that can be skipped are: ${SKIPPABLE_SECTIONS.join(', ')}`);
    }
  }
  return new Set(names as SkippableSection[]);
}

/** Declares a section, or the same section skipped, with its reason in the name Jest prints. */
export function describeSection(section: SkippableSection, define: () => void): void {
  if (skippedSections().has(section)) {
    describe.skip(`(skipped by ${SKIP_VARIABLE}=${process.env[SKIP_VARIABLE]})`, define);
  } else {
    define();
  }
}
