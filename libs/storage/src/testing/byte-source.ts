import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/** A generated body for streaming tests, and the SHA-256 of what it produced so far. */
export interface ByteSource {
  readonly stream: Readable;
  /** Bytes handed to the consumer so far. */
  readonly produced: () => number;
  /** Hex SHA-256 of the produced bytes; call after the stream ended. */
  readonly sha256: () => string;
}

const CHUNK_BYTES = 64 * 1024;

/**
 * A lazily generated pseudo-random body of `size` bytes (Infinity: never ends), produced only
 * as fast as it is read, so a test can see backpressure. `onChunk` runs after each chunk.
 */
export function byteSource(size: number, onChunk?: (produced: number) => void): ByteSource {
  const hash = createHash('sha256');
  const pattern = randomBytes(CHUNK_BYTES);
  let produced = 0;
  let index = 0;
  const stream = new Readable({
    highWaterMark: CHUNK_BYTES,
    read() {
      if (produced >= size) {
        this.push(null);
        return;
      }
      const length = Math.min(CHUNK_BYTES, size - produced);
      const chunk = Buffer.from(pattern.subarray(0, length));
      // Vary each chunk so a misplaced or repeated part would change the digest.
      if (length >= 4) chunk.writeUInt32BE(index >>> 0, 0);
      index += 1;
      produced += length;
      hash.update(chunk);
      this.push(chunk);
      onChunk?.(produced);
    },
  });
  return { stream, produced: () => produced, sha256: () => hash.digest('hex') };
}

/** Reads a stream to one Buffer (only for small test bodies). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Hex SHA-256 of a stream, read chunk by chunk. */
export async function sha256Of(stream: NodeJS.ReadableStream): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
