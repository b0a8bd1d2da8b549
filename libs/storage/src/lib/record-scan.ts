import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type CatalogEntry, type RecordScanOutcome, type ScanVerdict, toListedFile } from '@ha-uploads/files';
import { type ShardPlacement, itemKey, listedItems, trashItems } from './catalog-item';
import { type CatalogTransactItem, transactWrite } from './catalog-writes';
import { FILES_TABLE_SCHEMA as S } from './files-table';

/** What recording a verdict needs of the DynamoDB catalog. */
export interface ScanRecorderTarget {
  readonly db: DynamoDBDocumentClient;
  readonly table: string;
  /** Where entries and their copies are written (a read entry is moved there first). */
  readonly placement: ShardPlacement;
  /** A strongly consistent read of one entry. */
  get(id: string): Promise<CatalogEntry | undefined>;
}

/**
 * FileCatalog.recordScan on the files table: the entry and its listed (READY) or trash (TRASHED) copies change in one
 * transaction, conditional on the entry still being as read with its scan pending, so a duplicate changes nothing.
 */
export async function recordScanVerdict(
  target: ScanRecorderTarget,
  id: string,
  verdict: ScanVerdict,
): Promise<RecordScanOutcome> {
  // A lost race with a trash, restore or another verdict is read again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const seen = await target.get(id);
    if (!seen || seen.state === 'DELETING') return 'unknown';
    if (seen.state === 'PENDING') return 'not-ready';
    if (seen.scan !== 'pending' || seen.objectKey !== verdict.objectKey) return 'unchanged';
    const scanned: CatalogEntry = {
      ...seen,
      scan: verdict.scan,
      ...(verdict.detail !== undefined && { scanDetail: verdict.detail }),
    };
    if (await transactWrite(target.db, target.table, [entryUpdate(target, seen, verdict), ...copies(target, scanned)]))
      return 'recorded';
  }
  return 'unchanged';
}

function entryUpdate(target: ScanRecorderTarget, seen: CatalogEntry, verdict: ScanVerdict): CatalogTransactItem {
  const detail = verdict.detail !== undefined;
  return {
    Update: {
      Key: itemKey(seen.id, target.placement.shards),
      UpdateExpression: `SET #scan = :scan${detail ? ', scanDetail = :detail' : ''}`,
      ConditionExpression: '#state = :state AND #updatedAt = :seenAt AND #scan = :pending AND objectKey = :objectKey',
      ExpressionAttributeNames: { '#scan': 'scan', '#state': 'state', '#updatedAt': S.staleIndexSortKey },
      ExpressionAttributeValues: {
        ':scan': verdict.scan,
        ':state': seen.state,
        ':seenAt': seen.updatedAt,
        ':pending': 'pending',
        ':objectKey': verdict.objectKey,
        ...(detail && { ':detail': verdict.detail }),
      },
    },
  };
}

// The copies a listing or the trash reads carry the scan too: rewritten whole, as the state changes write them.
function copies(target: ScanRecorderTarget, scanned: CatalogEntry): CatalogTransactItem[] {
  const items =
    scanned.state === 'READY'
      ? listedItems(toListedFile(scanned), target.placement)
      : trashItems(scanned, target.placement.shards);
  return items.map((Item): CatalogTransactItem => ({ Put: { Item } }));
}
