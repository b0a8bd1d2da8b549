import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** The flexible-checksum algorithms this server verifies and stores (S3's, except CRC64NVME). */
export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'SHA1' | 'SHA256';
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'SHA1', 'SHA256'];

/** An incremental digest that yields its raw bytes. */
export interface Digest {
  update(chunk: Buffer): void;
  digest(): Buffer;
}

/** The `x-amz-checksum-<algorithm>` header (and trailer) name. */
export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}

/** The algorithm an `x-amz-checksum-*` name stands for, or undefined. */
export function algorithmOfHeader(name: string): ChecksumAlgorithm | undefined {
  return CHECKSUM_ALGORITHMS.find((a) => checksumHeader(a) === name.toLowerCase());
}

/** A fresh digest of the algorithm. */
export function newDigest(algorithm: ChecksumAlgorithm): Digest {
  if (algorithm === 'SHA1' || algorithm === 'SHA256') return hashDigest(createHash(algorithm.toLowerCase()));
  return algorithm === 'CRC32' ? crcDigest((data, value) => crc32(data, value)) : crcDigest(crc32c);
}

function hashDigest(hash: Hash): Digest {
  return { update: (chunk) => hash.update(chunk), digest: () => hash.digest() };
}

function crcDigest(step: (data: Buffer, value: number) => number): Digest {
  let value = 0;
  return {
    update(chunk) {
      value = step(chunk, value);
    },
    digest() {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(value >>> 0);
      return out;
    },
  };
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli), continued from `previous`; node:zlib only has plain CRC-32. */
export function crc32c(data: Buffer, previous = 0): number {
  let crc = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) crc = CRC32C_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** The checksum of a multipart object: the digest of the parts' raw digests, suffixed with the part count. */
export function compositeChecksum(algorithm: ChecksumAlgorithm, partChecksums: readonly string[]): string {
  const digest = newDigest(algorithm);
  for (const value of partChecksums) digest.update(Buffer.from(value, 'base64'));
  return `${digest.digest().toString('base64')}-${partChecksums.length}`;
}

/** The multipart ETag: MD5 of the parts' binary MD5s, suffixed with the part count (quoted, as S3 sends it). */
export function multipartEtag(partEtags: readonly string[]): string {
  const md5 = createHash('md5');
  for (const etag of partEtags) md5.update(Buffer.from(etag.replace(/"/g, ''), 'hex'));
  return `"${md5.digest('hex')}-${partEtags.length}"`;
}
