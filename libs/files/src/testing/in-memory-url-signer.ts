import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** An S3-style XML error answer. */
export function s3Error(status: number, code: string, message: string): Response {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return new Response(xml, { status, headers: { 'content-type': 'application/xml' } });
}

/**
 * Signs and checks the URLs of the in-memory stores as S3 checks presigned URLs: the method, key, query and signed
 * headers are bound by an HMAC under a secret of this instance, and the URL expires. URLs are signed at the signer's
 * clock (the app's) and checked against the system clock (S3's), as a presigned URL is.
 */
export class InMemoryUrlSigner {
  private readonly secret = randomBytes(32);

  constructor(
    /** The clock URLs are signed at. */
    private readonly clock: () => Date,
    private readonly expiresInSeconds: number,
  ) {}

  /** A URL for `method` on `key` carrying `query`, bound to the values of `headers` (lower-case names). */
  sign(method: string, key: string, query: Record<string, string>, headers: Record<string, string>): string {
    const url = new URL(`memory://s3/${encodeURIComponent(key)}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    url.searchParams.set('X-Amz-Date', String(this.clock().getTime()));
    url.searchParams.set('X-Amz-Expires', String(this.expiresInSeconds));
    url.searchParams.set('X-Amz-SignedHeaders', Object.keys(headers).sort().join(';'));
    url.searchParams.set('X-Amz-Signature', this.signature(method, url, headers));
    return url.toString();
  }

  /** The key and the query of one of these URLs. */
  parse(url: string): { key: string; query: URLSearchParams } {
    const parsed = new URL(url);
    return { key: decodeURIComponent(parsed.pathname.replace(/^\/+/, '')), query: parsed.searchParams };
  }

  /** S3's 403 answer when the request is not the one signed or the URL has expired; undefined when it may go on. */
  verify(method: string, url: string, headers: Record<string, string>): Response | undefined {
    const parsed = new URL(url);
    const given = parsed.searchParams.get('X-Amz-Signature');
    if (parsed.protocol !== 'memory:' || !given) return s3Error(403, 'AccessDenied', 'Access Denied');
    const names = (parsed.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean);
    const signed = Object.fromEntries(names.map((name) => [name, headers[name] ?? '']));
    const expected = Buffer.from(this.signature(method, parsed, signed));
    if (expected.length !== given.length || !timingSafeEqual(expected, Buffer.from(given))) {
      return s3Error(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    const expiresAt =
      Number(parsed.searchParams.get('X-Amz-Date')) + Number(parsed.searchParams.get('X-Amz-Expires')) * 1000;
    if (Date.now() > expiresAt) return s3Error(403, 'AccessDenied', 'Request has expired');
    return undefined;
  }

  private signature(method: string, url: URL, headers: Record<string, string>): string {
    const query = [...url.searchParams.entries()]
      .filter(([name]) => name !== 'X-Amz-Signature')
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const canonical = JSON.stringify([
      method,
      url.pathname,
      query,
      Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : 1)),
    ]);
    return createHmac('sha256', this.secret).update(canonical).digest('hex');
  }
}
