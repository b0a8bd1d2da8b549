import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { FileTooLargeError } from '@ha-uploads/files';

/**
 * A pass-through that hashes SHA-256 and counts bytes as they flow, and fails with
 * FileTooLargeError as soon as more than `maxBytes` arrive (before forwarding the excess).
 */
export class DigestStream extends Transform {
  private readonly hash = createHash('sha256');
  private count = 0;
  private exceeded = false;

  constructor(private readonly maxBytes: number) {
    super();
  }

  /** Bytes seen so far. */
  get bytes(): number {
    return this.count;
  }

  /** Whether the stream failed because the body passed maxBytes. */
  get tooLarge(): boolean {
    return this.exceeded;
  }

  /** Hex SHA-256 of everything that passed; call once, after the stream ended. */
  sha256(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    if (this.count > this.maxBytes) {
      this.exceeded = true;
      callback(new FileTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}
