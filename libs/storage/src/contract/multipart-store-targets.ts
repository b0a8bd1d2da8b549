import { randomBytes } from 'node:crypto';
import type { MultipartStore } from '@ha-uploads/files';
import { InMemoryBlobStore, InMemoryMultipartStore } from '@ha-uploads/files/testing';
import { S3MultipartStore } from '../lib/s3-multipart-store';
import { removeEverythingUnder, type S3Target } from './s3-targets';

/** How a contract test wants its store: the clock its URLs are signed at, and the size of a ListParts page. */
export interface MultipartStoreOptions {
  /** @default - the system clock */
  readonly clock?: () => Date;
  /** @default 1000 */
  readonly listPageSize?: number;
}

/** A store under test and the `fetch` that reaches its signed URLs, as a browser's would. */
export interface MultipartStoreSubject {
  readonly store: MultipartStore;
  fetch(url: string, init?: { method?: string; headers?: Record<string, string>; body?: Buffer }): Promise<Response>;
}

/** Where the MultipartStore contract runs: stores over one bucket (or its stand-in), and keys of this run. */
export interface MultipartStoreTarget {
  /** A store over the target's bucket; every store of a target sees the same objects. */
  open(options?: MultipartStoreOptions): MultipartStoreSubject;
  /** A fresh key of this run. */
  key(): string;
  /** Removes what the run left and closes what the target opened. */
  stop(): Promise<void>;
}

/** The in-memory fake of `@ha-uploads/files/testing`, with no server. */
export async function inMemoryMultipartTarget(): Promise<MultipartStoreTarget> {
  const blobs = new InMemoryBlobStore();
  return {
    open(options = {}) {
      const store = new InMemoryMultipartStore(blobs, options);
      return { store, fetch: (url, init) => store.fetch(url, init) };
    },
    key: () => `contract/${randomBytes(6).toString('hex')}`,
    stop: async () => undefined,
  };
}

/** S3MultipartStore over the bucket of an S3 target (the local S3, or AWS), reached with plain `fetch`. */
export function s3MultipartTarget(openS3: () => Promise<S3Target>): () => Promise<MultipartStoreTarget> {
  return async () => {
    const target = await openS3();
    return {
      open(options = {}) {
        const store = new S3MultipartStore({ s3: target.s3, bucket: target.bucket, ...options });
        return { store, fetch: (url, init) => fetch(url, init) };
      },
      key: () => `${target.prefix}multipart-store/${randomBytes(6).toString('hex')}`,
      async stop() {
        await removeEverythingUnder(target);
        await target.stop();
      },
    };
  };
}
