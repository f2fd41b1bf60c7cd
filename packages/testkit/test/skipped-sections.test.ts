import { SKIP_VARIABLE, skippedSections } from '../src';

describe(`${SKIP_VARIABLE}: sections of the conformance suite a run leaves out`, () => {
  it('is empty when the variable is unset or blank: the whole suite runs', () => {
    expect([...skippedSections({})]).toEqual([]);
    expect([...skippedSections({ [SKIP_VARIABLE]: ' ' })]).toEqual([]);
  });

  it('names the rotation section, the one that waits past the refresh window', () => {
    expect([...skippedSections({ [SKIP_VARIABLE]: 'rotation' })]).toEqual(['rotation']);
    expect([...skippedSections({ [SKIP_VARIABLE]: ' rotation , ' })]).toEqual(['rotation']);
  });

  it('refuses an unknown name, naming the ones it knows, so a typo never runs the slow section unnoticed', () => {
    expect(() => skippedSections({ [SKIP_VARIABLE]: 'rotations' })).toThrow(
      "INCLUSTER_CONFORMANCE_SKIP=rotations: unknown section 'rotations'; the sections that can be skipped are: rotation",
    );
  });
});
