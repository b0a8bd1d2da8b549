import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error, s3Errors } from './s3-error';
import { sameHex, sha256Hex, signWithKey, type VerifiedSignature } from './sigv4';

/** A chunk-size line or a trailer line longer than this is not aws-chunked framing. */
const MAX_LINE_BYTES = 4096;
const EMPTY_SHA256 = sha256Hex('');

type State = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

/**
 * Decodes an `aws-chunked` body (`<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n ... 0\r\n<trailers>\r\n`),
 * verifying each chunk's signature when the request was signed with STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER].
 */
export class AwsChunkedDecoder extends Transform {
  /** Trailing headers (lowercase names), known once the stream has ended. */
  readonly trailers = new Map<string, string>();
  private state: State = 'size';
  private line: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private chunkHash: Hash | undefined;
  private chunkSignature = '';
  private previousSignature: string;

  /** `signed`: the request's signature, when its chunks carry signatures chained from it. */
  constructor(private readonly signed?: VerifiedSignature) {
    super();
    this.previousSignature = signed?.signature ?? '';
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(this.state === 'done' ? null : s3Errors.incompleteBody());
  }

  private consume(buf: Buffer): void {
    let i = 0;
    while (i < buf.length) {
      if (this.state === 'done') throw malformed('data after the final chunk');
      if (this.state === 'data') {
        const n = Math.min(this.remaining, buf.length - i);
        const data = buf.subarray(i, i + n);
        this.chunkHash?.update(data);
        this.push(data);
        this.remaining -= n;
        i += n;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      const newline = buf.indexOf(10, i);
      const end = newline === -1 ? buf.length : newline + 1;
      this.line = this.line.length === 0 ? buf.subarray(i, end) : Buffer.concat([this.line, buf.subarray(i, end)]);
      i = end;
      if (this.line.length > MAX_LINE_BYTES) throw malformed('a framing line is too long');
      if (newline === -1) continue;
      const text = this.line.toString('latin1');
      this.line = Buffer.alloc(0);
      if (!text.endsWith('\r\n')) throw malformed('a framing line does not end in CRLF');
      this.onLine(text.slice(0, -2));
    }
  }

  private onLine(text: string): void {
    if (this.state === 'data-end') {
      if (text !== '') throw malformed('a chunk is longer than its size');
      this.verifyChunk();
      this.state = 'size';
    } else if (this.state === 'size') {
      this.onSizeLine(text);
    } else if (text === '') {
      this.verifyTrailer();
      this.state = 'done';
    } else {
      const colon = text.indexOf(':');
      if (colon <= 0) throw malformed('a trailer is not a header');
      this.trailers.set(text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim());
    }
  }

  private onSizeLine(text: string): void {
    const match = /^([0-9a-fA-F]{1,16})(?:;chunk-signature=([0-9a-f]{64}))?$/.exec(text);
    if (!match) throw malformed('a chunk size line is malformed');
    if (this.signed && !match[2]) throw s3Errors.signatureMismatch();
    const size = parseInt(match[1], 16);
    this.chunkSignature = match[2] ?? '';
    this.chunkHash = this.signed ? createHash('sha256') : undefined;
    if (size === 0) {
      this.verifyChunk();
      this.state = 'trailer';
    } else {
      this.remaining = size;
      this.state = 'data';
    }
  }

  private verifyChunk(): void {
    if (!this.signed || !this.chunkHash) return;
    const { amzDate, scope, signingKey } = this.signed;
    const stringToSign = [
      'AWS4-HMAC-SHA256-PAYLOAD',
      amzDate,
      scope,
      this.previousSignature,
      EMPTY_SHA256,
      this.chunkHash.digest('hex'),
    ].join('\n');
    if (!sameHex(signWithKey(signingKey, stringToSign), this.chunkSignature)) throw s3Errors.signatureMismatch();
    this.previousSignature = this.chunkSignature;
  }

  private verifyTrailer(): void {
    if (!this.signed?.payloadHash.endsWith('-TRAILER')) return;
    const given = this.trailers.get('x-amz-trailer-signature');
    if (!given) throw s3Errors.signatureMismatch();
    const lines = [...this.trailers]
      .filter(([name]) => name !== 'x-amz-trailer-signature')
      .map(([n, v]) => `${n}:${v}\n`)
      .join('');
    const { amzDate, scope, signingKey } = this.signed;
    const stringToSign = ['AWS4-HMAC-SHA256-TRAILER', amzDate, scope, this.previousSignature, sha256Hex(lines)].join(
      '\n',
    );
    if (!sameHex(signWithKey(signingKey, stringToSign), given)) throw s3Errors.signatureMismatch();
  }
}

function malformed(why: string): S3Error {
  return new S3Error(400, 'InvalidChunkSizeError', `The aws-chunked body is malformed: ${why}.`);
}
