import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type {
  CatalogEntry,
  RecordScanOutcome,
  ScanVerdict,
  FileCatalog,
  ReadyFacts,
  FileState,
  ListedFile,
  TrashOwner,
} from '@ha-uploads/files';
import { callBackend } from './backend-errors';
import { CatalogContext } from './catalog-context';
import { itemKey } from './catalog-item';
import { LAYOUT_REFRESH_MS, LayoutCache, readLayout } from './catalog-layout';
import { targetOf } from './catalog-move';
import * as listing from './catalog-listing';
import * as sessions from './catalog-sessions';
import * as transitions from './catalog-transitions';
import { FILES_TABLE_SCHEMA as S } from './files-table';
import { recordScanVerdict } from './record-scan';

/** Settings of DynamoDbFileCatalog. */
export interface DynamoDbFileCatalogProps {
  readonly dynamodb: DynamoDBDocumentClient;
  readonly table: string;
  /**
   * Where "now" comes from for updatedAt (tests pin it).
   * @default - the system clock
   */
  readonly now?: () => Date;
  /**
   * How long ping() waits for DynamoDB before calling it down.
   * @default 2000
   */
  readonly pingTimeoutMs?: number;
  /**
   * How many shard partitions the table's items spread over when its layout marker names none (see migrate-catalog).
   * @default FILES_TABLE_SCHEMA.shardCount
   */
  readonly shards?: number;
  /**
   * How long the table's layout marker (shard count, a migration under way) is trusted before it is read again.
   * @default LAYOUT_REFRESH_MS
   */
  readonly layoutRefreshMs?: number;
}

/**
 * File metadata in one DynamoDB table (see files-table.ts for the key design): the FileCatalog port, each operation
 * in the file of its concern (sessions, transitions, listing).
 */
export class DynamoDbFileCatalog implements FileCatalog {
  private readonly db: DynamoDBDocumentClient;
  private readonly table: string;
  private readonly defaultShards: number;
  private readonly ctx: CatalogContext;

  constructor(private readonly props: DynamoDbFileCatalogProps) {
    this.db = props.dynamodb;
    this.table = props.table;
    this.defaultShards = props.shards ?? S.shardCount;
    if (!Number.isInteger(this.defaultShards) || this.defaultShards < 1)
      throw new RangeError(`shards must be a whole number of at least 1, got ${this.defaultShards}`);
    const readMarker = () => readLayout(this.db, this.table, this.defaultShards);
    const layouts = new LayoutCache(readMarker, props.layoutRefreshMs ?? LAYOUT_REFRESH_MS);
    this.ctx = new CatalogContext(this.db, this.table, layouts, props.now ?? (() => new Date()));
  }

  putPending(entry: Omit<CatalogEntry, 'state' | 'size' | 'sha256' | 'updatedAt' | 'deletedAt'>): Promise<void> {
    return sessions.putPending(this.ctx, entry);
  }

  markReady(id: string, result: ReadyFacts): Promise<CatalogEntry> {
    return transitions.markReady(this.ctx, id, result);
  }

  claimSessionCompletion(
    id: string,
    claim: { now: string; until: string },
    expected: { readonly ownerId: string; readonly createdAfter?: string },
  ): Promise<CatalogEntry | undefined> {
    return sessions.claimSessionCompletion(this.ctx, id, claim, expected);
  }

  releaseSessionCompletion(id: string, until: string): Promise<void> {
    return sessions.releaseSessionCompletion(this.ctx, id, until);
  }

  markDeleting(id: string, expected?: { state: FileState; updatedAt: string }): Promise<CatalogEntry | undefined> {
    return transitions.markDeleting(this.ctx, id, expected);
  }

  markTrashed(id: string, options: { deletedAt?: string } = {}): Promise<CatalogEntry | undefined> {
    return transitions.markTrashed(this.ctx, id, options);
  }

  markRestored(id: string): Promise<CatalogEntry | undefined> {
    return transitions.markRestored(this.ctx, id);
  }

  listTrash(options: {
    owner: TrashOwner;
    limit: number;
    before?: { readonly deletedAt: string; readonly id: string };
  }): Promise<CatalogEntry[]> {
    return listing.listTrash(this.ctx, options);
  }

  listExpiredTrash(olderThan: Date): AsyncIterable<CatalogEntry> {
    return listing.listExpiredTrash(this.ctx, olderThan);
  }

  adopt(entry: CatalogEntry): Promise<boolean> {
    return transitions.adopt(this.ctx, entry);
  }

  async recordScan(id: string, verdict: ScanVerdict): Promise<RecordScanOutcome> {
    const placement = targetOf(await this.ctx.layouts.get());
    // Moved into the current layout first, while a migration runs, so the keyed write finds it there.
    return recordScanVerdict(
      { db: this.ctx.db, table: this.ctx.table, placement, get: (at) => this.ctx.settle(at, placement) },
      id,
      verdict,
    );
  }

  remove(id: string): Promise<void> {
    return transitions.remove(this.ctx, id);
  }

  get(id: string): Promise<CatalogEntry | undefined> {
    return this.ctx.get(id);
  }

  listReady(options: { limit: number; before?: string }): Promise<{ records: ListedFile[]; hasMore: boolean }> {
    return listing.listReady(this.ctx, options);
  }

  listStale(olderThan: Date): AsyncIterable<CatalogEntry> {
    return listing.listStale(this.ctx, olderThan);
  }

  async ping(): Promise<void> {
    const abortSignal = AbortSignal.timeout(this.props.pingTimeoutMs ?? 2_000);
    await callBackend('DynamoDB', async () => {
      try {
        // A cheap keyed read proves both that DynamoDB answers and that the table exists.
        await this.db.send(
          new GetCommand({
            TableName: this.table,
            Key: itemKey('~ping', this.defaultShards),
            ProjectionExpression: '#pk',
            ExpressionAttributeNames: { '#pk': S.partitionKey },
          }),
          { abortSignal },
        );
      } catch (err) {
        if (abortSignal.aborted)
          throw Object.assign(new Error('DynamoDB ping timed out'), {
            name: 'TimeoutError',
            cause: err,
          });
        if ((err as { name?: string }).name === 'ResourceNotFoundException') {
          throw Object.assign(new Error(`table ${this.table} does not exist`), {
            name: 'ServiceUnavailable',
            cause: err,
          });
        }
        throw err;
      }
    });
  }
}
