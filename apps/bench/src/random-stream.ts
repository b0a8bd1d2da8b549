import { Readable } from 'node:stream';

const POOL_BYTES = 8 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

// Filled once, from a fixed seed: every thread (the bench's hashing worker too) holds the same bytes, so a part made
// on one thread is the part made on another. Its PRNG runs once; the bytes per upload are views of it.
let pool: Buffer | undefined;

function sharedPool(): Buffer {
  if (!pool) {
    const next = xorshift32(0x5eed);
    pool = Buffer.allocUnsafe(POOL_BYTES);
    for (let at = 0; at < POOL_BYTES; at += 4) pool.writeUInt32LE(next(), at);
  }
  return pool;
}

/** xorshift32: a tiny deterministic PRNG, so a seed replays the same bytes for the webapp and the direct upload. */
export function xorshift32(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

/**
 * A Readable of `size` pseudo-random bytes made on the fly: each 64 KiB chunk is a view of a shared random pool at a
 * PRNG-chosen offset, so the body is incompressible yet no file is ever held in memory.
 */
export function randomBytesStream(size: number, seed = 1): Readable {
  const source = sharedPool();
  const next = xorshift32(seed);
  let remaining = size;
  return new Readable({
    highWaterMark: CHUNK_BYTES,
    read() {
      let more = true;
      while (more && remaining > 0) {
        const length = Math.min(CHUNK_BYTES, remaining);
        const offset = next() % (POOL_BYTES - length);
        remaining -= length;
        more = this.push(source.subarray(offset, offset + length));
      }
      if (remaining === 0) this.push(null);
    },
  });
}

/**
 * Part `partNumber` of a seeded pseudo-random file, `length` bytes, the same each time it is asked for (the way a
 * page reads a part of the chosen file again): 64 KiB views of the shared pool at offsets from the part's own PRNG.
 * Nothing is copied, so a part is streamed or hashed without ever being held whole, as a browser streams a file slice.
 */
export function* randomPartChunks(seed: number, partNumber: number, length: number): Generator<Buffer> {
  const source = sharedPool();
  const next = xorshift32(seed * 100_003 + partNumber);
  for (let at = 0; at < length; at += CHUNK_BYTES) {
    const size = Math.min(CHUNK_BYTES, length - at);
    const offset = next() % (POOL_BYTES - size);
    yield source.subarray(offset, offset + size);
  }
}

/** The bytes of randomPartChunks in one buffer (for comparisons). */
export function randomPart(seed: number, partNumber: number, length: number): Buffer {
  return Buffer.concat([...randomPartChunks(seed, partNumber, length)], length);
}
