import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PartHashRequest } from './part-hash-worker';

/** SHA-256 of the bench's seeded parts in a worker thread; `close` ends the thread. */
export interface PartHasher {
  checksum(seed: number, partNumber: number, length: number): Promise<string>;
  close(): Promise<void>;
}

/** Starts the worker thread. */
export function startPartHasher(): PartHasher {
  // A worker thread does not inherit tsx's hooks: it registers them, then loads the TypeScript entry.
  const worker = new Worker(
    `require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'part-hash-worker.ts'))});`,
    { eval: true },
  );
  const waiting = new Map<number, { resolve(checksum: string): void; reject(err: unknown): void }>();
  let next = 0;
  worker.on('message', (answer: { id: number; checksum: string }) => {
    waiting.get(answer.id)?.resolve(answer.checksum);
    waiting.delete(answer.id);
  });
  const failAll = (err: unknown) => {
    for (const pending of waiting.values()) pending.reject(err);
    waiting.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the hashing thread exited (${code})`)));
  return {
    checksum(seed, partNumber, length) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, seed, partNumber, length } satisfies PartHashRequest);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
