import { nestsDeeperThan } from './json-depth';

describe('nestsDeeperThan', () => {
  it('accepts nesting up to the limit', () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
  });

  it('refuses nesting past the limit', () => {
    expect(nestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan('{"a":"[[[[\\"[[[["}', 1)).toBe(false);
  });
});
