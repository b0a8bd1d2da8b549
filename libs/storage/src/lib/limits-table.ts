import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { LIMITS_TABLE_SCHEMA } from '@ha-uploads/config';

/** CreateTable input for a limits table called `tableName`, from the shared key design (local backends only). */
export function limitsTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: LIMITS_TABLE_SCHEMA.partitionKey, AttributeType: 'S' }],
    KeySchema: [{ AttributeName: LIMITS_TABLE_SCHEMA.partitionKey, KeyType: 'HASH' }],
  };
}
