import { BackendUnavailableError, ConflictError } from '../lib/errors';
import type { CatalogEntry, FileState, ListedFile } from '../lib/file-record';
import { toListedFile } from '../lib/file-service';
import type { RecordScanOutcome, ScanVerdict } from '../lib/scan/scan-state';
import { EVERY_OWNER, type FileCatalog, type ReadyFacts, type TrashOwner, type TrashPosition } from '../lib/ports';

/**
 * A FileCatalog in a Map, for unit tests; it passes the same contract as DynamoDbFileCatalog (libs/storage).
 * `down = true` makes every call fail like an unreachable DynamoDB.
 */
export class InMemoryFileCatalog implements FileCatalog {
  readonly entries = new Map<string, CatalogEntry>();
  down = false;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async putPending(entry: Omit<CatalogEntry, 'state' | 'size' | 'sha256' | 'updatedAt' | 'deletedAt'>): Promise<void> {
    this.check();
    const existing = this.entries.get(entry.id);
    if (
      existing?.state === 'PENDING' &&
      existing.objectKey === entry.objectKey &&
      existing.uploadedAt === entry.uploadedAt
    )
      return;
    if (existing) throw new ConflictError(`A file with id ${entry.id} already exists.`, 'FILE_EXISTS');
    this.entries.set(entry.id, { ...entry, state: 'PENDING', size: 0, sha256: '', updatedAt: this.now() });
  }

  async markReady(id: string, result: ReadyFacts): Promise<CatalogEntry> {
    this.check();
    const entry = this.entries.get(id);
    if (entry?.state === 'READY' && entry.size === result.size && entry.sha256 === result.sha256) return entry;
    if (entry?.state !== 'PENDING') {
      throw new ConflictError(`File ${id} is not pending, so it cannot be marked ready.`, 'FILE_NOT_PENDING');
    }
    const { session: _session, ...rest } = entry;
    const ready: CatalogEntry = { ...rest, ...result, state: 'READY', updatedAt: this.now() };
    this.entries.set(id, ready);
    return ready;
  }

  async claimSessionCompletion(
    id: string,
    claim: { now: string; until: string },
    expected: { readonly ownerId: string; readonly createdAfter?: string },
  ): Promise<CatalogEntry | undefined> {
    this.check();
    const entry = this.entries.get(id);
    if (entry?.state !== 'PENDING' || !entry.session) return undefined;
    if (entry.session.completingUntil !== undefined && entry.session.completingUntil >= claim.now) return undefined;
    if (entry.ownerId !== expected.ownerId) return undefined;
    if (expected.createdAfter !== undefined && entry.session.createdAt <= expected.createdAfter) return undefined;
    const claimed = { ...entry, updatedAt: this.now(), session: { ...entry.session, completingUntil: claim.until } };
    this.entries.set(id, claimed);
    return claimed;
  }

  async releaseSessionCompletion(id: string, until: string): Promise<void> {
    this.check();
    const entry = this.entries.get(id);
    if (entry?.state !== 'PENDING' || !entry.session || entry.session.completingUntil !== until) return;
    const { completingUntil: _released, ...session } = entry.session;
    this.entries.set(id, { ...entry, session });
  }

  async markDeleting(
    id: string,
    expected?: { state: FileState; updatedAt: string },
  ): Promise<CatalogEntry | undefined> {
    this.check();
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (expected && (entry.state !== expected.state || entry.updatedAt !== expected.updatedAt)) return undefined;
    const deleting: CatalogEntry = { ...entry, state: 'DELETING', updatedAt: this.now() };
    this.entries.set(id, deleting);
    return deleting;
  }

  async markTrashed(id: string, options: { deletedAt?: string } = {}): Promise<CatalogEntry | undefined> {
    this.check();
    const entry = this.entries.get(id);
    if (entry?.state === 'TRASHED') return entry;
    if (entry?.state !== 'READY') return undefined;
    const now = options.deletedAt ?? this.now();
    const trashed: CatalogEntry = { ...entry, state: 'TRASHED', updatedAt: now, deletedAt: now };
    this.entries.set(id, trashed);
    return trashed;
  }

  async markRestored(id: string): Promise<CatalogEntry | undefined> {
    this.check();
    const entry = this.entries.get(id);
    if (entry?.state === 'READY') return entry;
    if (entry?.state !== 'TRASHED') return undefined;
    const { deletedAt: _deletedAt, ...rest } = entry;
    const ready: CatalogEntry = { ...rest, state: 'READY', updatedAt: this.now() };
    this.entries.set(id, ready);
    return ready;
  }

  async listTrash(options: { owner: TrashOwner; limit: number; before?: TrashPosition }): Promise<CatalogEntry[]> {
    this.check();
    // The adapter's order: delete time, then id, newest first.
    const position = (e: { deletedAt?: string; updatedAt?: string; id: string }) =>
      `${e.deletedAt ?? e.updatedAt}#${e.id}`;
    const before = options.before && position(options.before);
    return [...this.entries.values()]
      .filter((e) => e.state === 'TRASHED' && (options.owner === EVERY_OWNER || (e.ownerId ?? null) === options.owner))
      .filter((e) => before === undefined || position(e) < before)
      .sort((a, b) => (position(a) < position(b) ? 1 : -1))
      .slice(0, options.limit);
  }

  async *listExpiredTrash(olderThan: Date): AsyncIterable<CatalogEntry> {
    this.check();
    for (const entry of [...this.entries.values()]) {
      if (entry.state === 'TRASHED' && new Date(entry.updatedAt) < olderThan) yield entry;
    }
  }

  async adopt(entry: CatalogEntry): Promise<boolean> {
    this.check();
    if (this.entries.has(entry.id)) return false;
    this.entries.set(entry.id, entry);
    return true;
  }

  async recordScan(id: string, verdict: ScanVerdict): Promise<RecordScanOutcome> {
    this.check();
    const entry = this.entries.get(id);
    if (!entry || entry.state === 'DELETING') return 'unknown';
    if (entry.state === 'PENDING') return 'not-ready';
    if (entry.scan !== 'pending' || entry.objectKey !== verdict.objectKey) return 'unchanged';
    const detail = verdict.detail === undefined ? {} : { scanDetail: verdict.detail };
    this.entries.set(id, { ...entry, scan: verdict.scan, ...detail });
    return 'recorded';
  }

  async remove(id: string): Promise<void> {
    this.check();
    this.entries.delete(id);
  }

  async get(id: string): Promise<CatalogEntry | undefined> {
    this.check();
    return this.entries.get(id);
  }

  async listReady(options: { limit: number; before?: string }): Promise<{ records: ListedFile[]; hasMore: boolean }> {
    this.check();
    const ready = [...this.entries.values()]
      .filter((e) => e.state === 'READY' && (options.before === undefined || e.id < options.before))
      .sort((a, b) => (a.id < b.id ? 1 : -1));
    // A listing carries the public record and owner only, as the DynamoDB adapter's projection does.
    return { records: ready.slice(0, options.limit).map(toListedFile), hasMore: ready.length > options.limit };
  }

  async *listStale(olderThan: Date): AsyncIterable<CatalogEntry> {
    this.check();
    for (const entry of [...this.entries.values()]) {
      if ((entry.state === 'PENDING' || entry.state === 'DELETING') && new Date(entry.updatedAt) < olderThan)
        yield entry;
    }
  }

  async ping(): Promise<void> {
    this.check();
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private check(): void {
    if (this.down) throw new BackendUnavailableError('DynamoDB');
  }
}
