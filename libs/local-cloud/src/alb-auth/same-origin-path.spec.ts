import { sameOriginPath } from './same-origin-path';

describe('sameOriginPath', () => {
  it('keeps a path on this site with its query and fragment', () => {
    expect(sameOriginPath('/files?limit=1#top')).toBe('/files?limit=1#top');
  });

  it.each([
    ['a scheme-relative URL', '//evil.example/'],
    ['a tab between the slashes', '/\t/evil.example'],
    ['a newline between the slashes', '/\n/evil.example'],
    ['a backslash', '/\\evil.example'],
    ['a backslash after the slash', '/\\/evil.example'],
    ['an absolute URL', 'https://evil.example/'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'files'],
    ['a NUL byte', '/files\x00'],
    ['nothing', null],
  ])('answers / for %s', (_what, value) => {
    expect(sameOriginPath(value)).toBe('/');
  });
});
