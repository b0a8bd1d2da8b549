import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '@ha-uploads/config';

/** CreateTable input for a table called `tableName` of the given shared shape (TTL is a separate call). */
export function tableInput(tableName: string, definition: TableDefinition): CreateTableCommandInput {
  const indexes = definition.globalSecondaryIndexes;
  return {
    TableName: tableName,
    BillingMode: definition.billingMode,
    AttributeDefinitions: definition.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: [
      { AttributeName: definition.hashKey, KeyType: 'HASH' },
      ...(definition.rangeKey ? [{ AttributeName: definition.rangeKey, KeyType: 'RANGE' as const }] : []),
    ],
    // DynamoDB refuses an empty index list.
    ...(indexes.length > 0 && {
      GlobalSecondaryIndexes: indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.hashKey, KeyType: 'HASH' as const },
          { AttributeName: index.rangeKey, KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: index.projectionType },
      })),
    }),
  };
}
