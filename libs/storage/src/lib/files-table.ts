import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { FILES_TABLE_DEFINITION, FILES_TABLE_SCHEMA } from '@ha-uploads/config';

export { FILES_TABLE_SCHEMA };

/** CreateTable input for a files table called `tableName`, built from the one shared definition. */
export function filesTableInput(tableName: string, definition = FILES_TABLE_DEFINITION): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: definition.billingMode,
    AttributeDefinitions: definition.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: [
      { AttributeName: definition.hashKey, KeyType: 'HASH' },
      { AttributeName: definition.rangeKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: definition.globalSecondaryIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.hashKey, KeyType: 'HASH' },
        { AttributeName: index.rangeKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projectionType },
    })),
  };
}
