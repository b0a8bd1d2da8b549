import { monotonicFactory } from 'ulid';
import type { CatalogEntry, FileCatalog, UploadSession } from '@ha-uploads/files';

/** A FileCatalog implementation the contract runs against: the in-memory fake or an adapter on a real store. */
export interface CatalogUnderTest {
  /** A catalog over an empty store of its own, reading the time from `now`. */
  open(now: () => Date): Promise<FileCatalog>;
  /** Releases every store opened. */
  stop(): Promise<void>;
}

/** What putPending takes. */
export type PendingEntry = Omit<CatalogEntry, 'state' | 'size' | 'sha256' | 'updatedAt' | 'deletedAt'>;

/** Ids in creation order, as the app's ULIDs are. */
export const nextId = monotonicFactory();
export const SHA = 'a'.repeat(64);

/** A clock the test moves by hand, so every updatedAt is known. */
export class TestClock {
  private current: number;

  constructor(start = '2026-12-01T12:00:00.000Z') {
    this.current = Date.parse(start);
  }

  readonly now = (): Date => new Date(this.current);

  /** The current time as the catalog writes it. */
  iso(): string {
    return new Date(this.current).toISOString();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** A new PENDING entry, with an owner when given. */
export function pendingEntry(options: { ownerId?: string; session?: UploadSession } = {}): PendingEntry {
  const id = nextId();
  return {
    id,
    name: `file-${id}.txt`,
    contentType: 'text/plain',
    uploadedAt: '2026-12-01T11:59:00.000Z',
    uploadedBy: 'i-test',
    objectKey: `objects/${id}`,
    ...(options.ownerId !== undefined && { ownerId: options.ownerId }),
    ...(options.session && { session: options.session }),
  };
}

/** A direct upload's session of one 8-byte part, created at `createdAt`. */
export function sessionCreatedAt(createdAt: string): UploadSession {
  return { uploadId: `u-${nextId()}`, size: 8, partSize: 8, partCount: 1, createdAt };
}

/** Stores a READY entry and resolves with its id. */
export async function storeReady(catalog: FileCatalog, options: { ownerId?: string } = {}): Promise<string> {
  const entry = pendingEntry(options);
  await catalog.putPending(entry);
  await catalog.markReady(entry.id, { size: 3, sha256: SHA, contentType: 'text/plain' });
  return entry.id;
}

/** Everything `iterable` yields, in order. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
