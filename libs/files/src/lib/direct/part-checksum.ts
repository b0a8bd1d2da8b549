import { createHash } from 'node:crypto';

const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/** Whether `value` is a base64 SHA-256 digest, the form S3's x-amz-checksum-sha256 takes. */
export function isPartChecksum(value: unknown): value is string {
  return typeof value === 'string' && BASE64_SHA256.test(value);
}

/** S3's COMPOSITE checksum of a multipart object: SHA-256 over the parts' raw digests, then `-<part count>`. */
export function compositeChecksum(partChecksums: readonly string[]): string {
  const hash = createHash('sha256');
  for (const checksum of partChecksums) hash.update(Buffer.from(checksum, 'base64'));
  return `${hash.digest('base64')}-${partChecksums.length}`;
}
