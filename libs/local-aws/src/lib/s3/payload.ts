import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsChunkedDecoder } from './aws-chunked';
import {
  algorithmOfHeader,
  CHECKSUM_ALGORITHMS,
  checksumHeader,
  newDigest,
  type ChecksumAlgorithm,
  type Digest,
} from './checksums';
import { S3Error, s3Errors } from './s3-error';
import type { VerifiedSignature } from './sigv4';

/** A body that arrived whole and passed every check. */
export interface VerifiedPayload {
  readonly size: number;
  /** Quoted hex MD5, S3's ETag of a single-part object or a part. */
  readonly etag: string;
  /** The checksum the client declared (header or trailer), verified; undefined when it declared none. */
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string };
  /** Base64 digests of the extra algorithms asked for. */
  readonly computed: Partial<Record<ChecksumAlgorithm, string>>;
}

/** How to receive one request body. */
export interface PayloadOptions {
  readonly signature: VerifiedSignature;
  /** More bytes than this is EntityTooLarge. */
  readonly maxBytes: number;
  /** Also compute these digests (e.g. the checksum a multipart upload was created with). */
  readonly alsoCompute?: readonly ChecksumAlgorithm[];
}

const STREAMING = /^STREAMING-(UNSIGNED-PAYLOAD-TRAILER|AWS4-HMAC-SHA256-PAYLOAD(-TRAILER)?)$/;

/**
 * Streams the request's decoded body into `sink`, hashing on the fly, and resolves only when the body is complete
 * and its signed SHA-256, declared checksum and declared length all match; otherwise rejects with S3's error.
 */
export async function receivePayload(
  req: IncomingMessage,
  sink: Writable,
  options: PayloadOptions,
): Promise<VerifiedPayload> {
  const { payloadHash } = options.signature;
  const streaming = STREAMING.exec(payloadHash);
  const hexHash = /^[0-9a-f]{64}$/.test(payloadHash) ? payloadHash : undefined;
  if (!streaming && !hexHash && payloadHash !== 'UNSIGNED-PAYLOAD') {
    throw s3Errors.invalidArgument(
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD or a SHA-256 hex digest',
      'x-amz-content-sha256',
      payloadHash,
    );
  }
  const declared = declaredChecksum(req);
  const trailerAlgorithm = streaming ? trailerChecksum(req) : undefined;
  if (declared && trailerAlgorithm) throw s3Errors.invalidRequest('Expecting a single x-amz-checksum- header');
  const algorithm = declared?.algorithm ?? trailerAlgorithm;
  const wanted = new Set<ChecksumAlgorithm>([...(options.alsoCompute ?? []), ...(algorithm ? [algorithm] : [])]);
  // SHA-256 only when something asks for it: it is the costliest digest of the lot.
  const hasher = new HashingStream(options.maxBytes, [...wanted], hexHash !== undefined || wanted.has('SHA256'));
  const signedChunks = streaming && streaming[1] !== 'UNSIGNED-PAYLOAD-TRAILER' ? options.signature : undefined;
  const decoder = streaming ? new AwsChunkedDecoder(signedChunks) : undefined;
  try {
    await (decoder ? pipeline(req, decoder, hasher, sink) : pipeline(req, hasher, sink));
  } catch (err) {
    throw err instanceof S3Error ? err : s3Errors.incompleteBody();
  }
  if (hexHash && hasher.sha256Hex() !== hexHash) {
    throw new S3Error(
      400,
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }
  const decodedLength = req.headers['x-amz-decoded-content-length'];
  if (streaming && decodedLength !== undefined && Number(decodedLength) !== hasher.bytes)
    throw s3Errors.incompleteBody();
  const given = declared?.value ?? (trailerAlgorithm && decoder?.trailers.get(checksumHeader(trailerAlgorithm)));
  if (algorithm && !given) throw s3Errors.invalidRequest(`The trailer ${checksumHeader(algorithm)} is missing.`);
  const computed = hasher.digests();
  if (algorithm && computed[algorithm] !== given) throw s3Errors.badDigest(algorithm);
  return {
    size: hasher.bytes,
    etag: `"${hasher.md5Hex()}"`,
    checksum: algorithm && given ? { algorithm, value: given } : undefined,
    computed,
  };
}

/** The one `x-amz-checksum-<algorithm>` header a request carries, if any. */
function declaredChecksum(req: IncomingMessage): { algorithm: ChecksumAlgorithm; value: string } | undefined {
  const found = CHECKSUM_ALGORITHMS.filter((a) => typeof req.headers[checksumHeader(a)] === 'string');
  if (found.length > 1)
    throw s3Errors.invalidRequest(
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  if (req.headers['x-amz-checksum-crc64nvme'] !== undefined) throw s3Errors.notImplemented('x-amz-checksum-crc64nvme');
  return found.length === 1
    ? { algorithm: found[0], value: req.headers[checksumHeader(found[0])] as string }
    : undefined;
}

/** The checksum algorithm an `x-amz-trailer` header announces. */
function trailerChecksum(req: IncomingMessage): ChecksumAlgorithm | undefined {
  const trailer = req.headers['x-amz-trailer'];
  if (trailer === undefined) return undefined;
  const algorithm = algorithmOfHeader(String(trailer).trim());
  if (!algorithm)
    throw s3Errors.invalidRequest(
      `The value specified in the x-amz-trailer header is not supported: ${String(trailer)}`,
    );
  return algorithm;
}

/** Counts and hashes bytes as they pass: MD5 (the ETag), SHA-256 (a signed payload hash) and any checksums. */
class HashingStream extends Transform {
  bytes = 0;
  private readonly md5 = createHash('md5');
  private readonly sha256: Hash | undefined;
  private readonly checksums: [ChecksumAlgorithm, Digest][];
  private sha256Digest: Buffer | undefined;

  constructor(
    private readonly maxBytes: number,
    algorithms: readonly ChecksumAlgorithm[],
    withSha256: boolean,
  ) {
    super();
    this.sha256 = withSha256 ? createHash('sha256') : undefined;
    this.checksums = algorithms.filter((a) => a !== 'SHA256').map((a) => [a, newDigest(a)]);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(
        new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
          MaxSizeAllowed: this.maxBytes,
        }),
      );
      return;
    }
    this.md5.update(chunk);
    this.sha256?.update(chunk);
    for (const [, digest] of this.checksums) digest.update(chunk);
    callback(null, chunk);
  }

  md5Hex(): string {
    return this.md5.digest('hex');
  }

  sha256Hex(): string {
    return this.sha256Bytes().toString('hex');
  }

  digests(): Partial<Record<ChecksumAlgorithm, string>> {
    const out: Partial<Record<ChecksumAlgorithm, string>> = this.sha256
      ? { SHA256: this.sha256Bytes().toString('base64') }
      : {};
    for (const [algorithm, digest] of this.checksums) out[algorithm] = digest.digest().toString('base64');
    return out;
  }

  private sha256Bytes(): Buffer {
    this.sha256Digest ??= (this.sha256 ?? createHash('sha256')).digest();
    return this.sha256Digest;
  }
}
