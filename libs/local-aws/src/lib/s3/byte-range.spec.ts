import { parseRange } from './byte-range';

describe('parseRange', () => {
  it('reads bytes=a-b as an inclusive range', () => {
    expect(parseRange('bytes=2-4', 10)).toEqual({ start: 2, end: 4 });
  });

  it('clamps an end past the object to its last byte', () => {
    expect(parseRange('bytes=8-100', 10)).toEqual({ start: 8, end: 9 });
  });

  it('reads bytes=a- as the rest of the object', () => {
    expect(parseRange('bytes=7-', 10)).toEqual({ start: 7, end: 9 });
  });

  it('reads bytes=-n as the last n bytes, the whole object when n exceeds it', () => {
    expect([parseRange('bytes=-3', 10), parseRange('bytes=-30', 10)]).toEqual([
      { start: 7, end: 9 },
      { start: 0, end: 9 },
    ]);
  });

  it('refuses a start past the end with 416 InvalidRange', () => {
    expect(() => parseRange('bytes=10-', 10)).toThrow(expect.objectContaining({ status: 416, code: 'InvalidRange' }));
  });

  it('refuses bytes=-0 with 416 InvalidRange', () => {
    expect(() => parseRange('bytes=-0', 10)).toThrow(expect.objectContaining({ code: 'InvalidRange' }));
  });

  it('ignores what S3 ignores: several ranges, bad syntax, an end before the start', () => {
    expect([parseRange('bytes=0-1,3-4', 10), parseRange('items=0-1', 10), parseRange('bytes=5-2', 10)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
