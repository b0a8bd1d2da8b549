import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * Attribute and index names of the files table. All files share one partition (`pk` = "files") and
 * sort by their ULID id (`sk`), so listing is a strongly consistent Query that reads one page,
 * whatever the table size. The price: one partition caps writes at about 1000 items/s, far above
 * an upload service's rate. GSIs are eventually consistent, so none serves the listing; the sparse
 * `limbo` index only feeds the sweeper, which waits a grace period anyway.
 */
export const FILES_TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** The one collection partition every file lives in. */
  collection: 'files',
  staleIndex: 'limbo-by-updated-at',
  /** Present only while an entry is PENDING or DELETING, which makes the index sparse. */
  staleIndexPartitionKey: 'limbo',
  staleIndexSortKey: 'updatedAt',
  /** The value `limbo` holds while set. */
  limboValue: 'limbo',
} as const;

const S = FILES_TABLE_SCHEMA;

/** The files table's shape (everything but its name); infra mirrors it in Terraform. */
export const FILES_TABLE_DEFINITION = {
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: S.partitionKey, AttributeType: 'S' },
    { AttributeName: S.sortKey, AttributeType: 'S' },
    { AttributeName: S.staleIndexPartitionKey, AttributeType: 'S' },
    { AttributeName: S.staleIndexSortKey, AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: S.partitionKey, KeyType: 'HASH' },
    { AttributeName: S.sortKey, KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: S.staleIndex,
      KeySchema: [
        { AttributeName: S.staleIndexPartitionKey, KeyType: 'HASH' },
        { AttributeName: S.staleIndexSortKey, KeyType: 'RANGE' },
      ],
      // The sweeper needs whole entries (object key, state); the index stays small because it is sparse.
      Projection: { ProjectionType: 'ALL' },
    },
  ],
} as const satisfies Omit<CreateTableCommandInput, 'TableName'>;

/** CreateTable input for a files table called `tableName`. */
export function filesTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: FILES_TABLE_DEFINITION.BillingMode,
    AttributeDefinitions: FILES_TABLE_DEFINITION.AttributeDefinitions.map((a) => ({ ...a })),
    KeySchema: FILES_TABLE_DEFINITION.KeySchema.map((k) => ({ ...k })),
    GlobalSecondaryIndexes: FILES_TABLE_DEFINITION.GlobalSecondaryIndexes.map((index) => ({
      IndexName: index.IndexName,
      KeySchema: index.KeySchema.map((k) => ({ ...k })),
      Projection: { ...index.Projection },
    })),
  };
}
