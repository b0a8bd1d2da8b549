import { assertStickinessDuration } from './stickiness';

describe('assertStickinessDuration', () => {
  it.each([1, 86_400, 604_800])('accepts %d seconds', (seconds) => {
    expect(() => assertStickinessDuration(seconds)).not.toThrow();
  });

  it.each([0, 604_801, 1.5])('rejects %d seconds and shows the value', (seconds) => {
    expect(() => assertStickinessDuration(seconds)).toThrow(
      `stickiness duration must be between 1 and 604800 seconds, got ${seconds}`,
    );
  });
});
