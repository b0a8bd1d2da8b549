// Worker-thread entry: makes part `n` of the bench's seeded file and answers its base64 SHA-256, off the main
// thread, as the page's WebCrypto digest runs off the page's. The main thread keeps feeding the parts in flight.
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { randomPartChunks } from './random-stream';

/** One part to hash. */
export interface PartHashRequest {
  readonly id: number;
  readonly seed: number;
  readonly partNumber: number;
  readonly length: number;
}

parentPort?.on('message', (request: PartHashRequest) => {
  const hash = createHash('sha256');
  for (const chunk of randomPartChunks(request.seed, request.partNumber, request.length)) hash.update(chunk);
  const checksum = hash.digest('base64');
  parentPort?.postMessage({ id: request.id, checksum });
});
