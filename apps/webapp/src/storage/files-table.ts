import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { FILES_TABLE_SCHEMA } from '@ha-uploads/config';

export { FILES_TABLE_SCHEMA };

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
  // A deep copy: the SDK's input types are mutable, the definition is not.
  return { TableName: tableName, ...(structuredClone(FILES_TABLE_DEFINITION) as Omit<CreateTableCommandInput, 'TableName'>) };
}
