import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { FILES_TABLE_DEFINITION, FILES_TABLE_SCHEMA } from '@ha-uploads/config';
import { tableInput } from './table-input';

export { FILES_TABLE_SCHEMA };

/** CreateTable input for a files table called `tableName`, built from the one shared definition. */
export function filesTableInput(tableName: string, definition = FILES_TABLE_DEFINITION): CreateTableCommandInput {
  return tableInput(tableName, definition);
}
