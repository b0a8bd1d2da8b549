import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { LIMITS_TABLE_DEFINITION } from '@ha-uploads/config';
import { tableInput } from './table-input';

/** CreateTable input for a limits table called `tableName`, from the one shared definition (local backends only). */
export function limitsTableInput(tableName: string): CreateTableCommandInput {
  return tableInput(tableName, LIMITS_TABLE_DEFINITION);
}
