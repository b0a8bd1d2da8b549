import { createHash } from 'node:crypto';
import { backoffMs, isExpiredSignature, isRetryable, resumeKey, toBase64 } from './transfer-policy';

describe('the direct transfer policy', () => {
  it.each([0, 429, 500, 503])('retries a part that failed with %p', (status) => {
    expect(isRetryable(status)).toBe(true);
  });

  it.each([400, 403, 404])('does not retry %p', (status) => {
    expect(isRetryable(status)).toBe(false);
  });

  it('retries a part S3 refused with BadDigest, whose body changed on the way', () => {
    expect(
      isRetryable(
        400,
        '<Error><Code>BadDigest</Code><Message>The SHA256 you specified did not match</Message></Error>',
      ),
    ).toBe(true);
  });

  it('does not retry another 400', () => {
    expect(isRetryable(400, '<Error><Code>InvalidArgument</Code></Error>')).toBe(false);
  });

  it("signs again on S3's expired-signature 403, and only then", () => {
    expect(
      isExpiredSignature(403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>'),
    ).toBe(true);
    expect(isExpiredSignature(403, '<Error><Code>SignatureDoesNotMatch</Code></Error>')).toBe(false);
  });

  it('doubles the backoff per try, with at most 25% jitter', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, () => 0))).toEqual([500, 1000, 2000]);
    expect(backoffMs(1, () => 1)).toBe(625);
  });

  it('keys a session by size, last-modified and name', () => {
    expect(resumeKey({ name: 'a.bin', size: 10, lastModified: 5 })).toBe('direct-upload:10:5:a.bin');
  });

  it('encodes a digest as S3 expects it', () => {
    const digest = createHash('sha256').update('part').digest();
    expect(toBase64(digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.length))).toBe(
      digest.toString('base64'),
    );
  });
});
