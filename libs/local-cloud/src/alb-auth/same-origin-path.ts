// Any origin works as the base: only whether the parsed URL stays on it matters.
const BASE = new URL('http://same-origin.invalid');
// Browsers drop tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` means `//evil.example`.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\\\x00-\x1f\x7f]/;

/** `value` as a path on this site (path, query and fragment), or `/` when it could lead anywhere else. */
export function sameOriginPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || UNSAFE.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  return url.origin === BASE.origin ? `${url.pathname}${url.search}${url.hash}` : '/';
}
