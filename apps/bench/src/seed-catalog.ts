import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { CatalogEntry } from '@ha-uploads/files';
import { itemsOf, seedItems, seededEntry } from '@ha-uploads/storage/testing';

const HIDDEN_STATES: CatalogEntry['state'][] = ['PENDING', 'DELETING', 'TRASHED'];

/**
 * Writes `count` READY entries (with their listed copies), a year old and one second apart so their ids are
 * distinct and older than any upload, with BatchWrite. Their objects are never written: listing reads only the
 * catalog.
 */
export async function seedCatalog(dynamodb: DynamoDBDocumentClient, table: string, count: number): Promise<void> {
  await seedEntries(dynamodb, table, count, Date.now() - 365 * 86_400_000, ['READY']);
}

/** Writes `count` pending, deleting and trashed entries, newer than every seeded file and older than any upload. */
export async function seedHiddenEntries(dynamodb: DynamoDBDocumentClient, table: string, count: number): Promise<void> {
  await seedEntries(dynamodb, table, count, Date.now() - 180 * 86_400_000, HIDDEN_STATES);
}

async function seedEntries(
  dynamodb: DynamoDBDocumentClient,
  table: string,
  count: number,
  base: number,
  states: CatalogEntry['state'][],
): Promise<void> {
  const entries = Array.from({ length: count }, (_, i) => {
    const at = base + i * 1_000;
    return seededEntry(ulid(at), i, new Date(at), states[i % states.length]);
  });
  await seedItems(
    dynamodb,
    table,
    entries.flatMap((entry) => itemsOf(entry)),
  );
}
