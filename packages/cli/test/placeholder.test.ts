import { IMPLEMENTED } from '../src';

it('is a placeholder that builds with the monorepo until its issue lands', () => {
  expect(IMPLEMENTED).toBe(false);
});
