import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { callBackend } from './backend-errors';

/** A member's optional condition. */
export interface WriteCondition {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/** One member of a TransactWriteItems, without its table name (every member writes the files table). */
export type CatalogTransactItem =
  | { readonly Put: { Item: Record<string, unknown> } & WriteCondition }
  | { readonly Delete: { Key: Record<string, unknown> } & WriteCondition }
  | {
      readonly Update: {
        Key: Record<string, unknown>;
        UpdateExpression: string;
        ConditionExpression: string;
        ExpressionAttributeNames: Record<string, string>;
        ExpressionAttributeValues: Record<string, unknown>;
      };
    };

const CONFLICT = Symbol('conflict');

/**
 * Runs a conditional write. A failed condition goes to `onConflict`, which either throws (a real conflict) or
 * resolves to what the write would have (an earlier attempt had already applied it).
 */
export async function conditionalWrite<T>(write: () => Promise<T>, onConflict: () => Promise<T>): Promise<T> {
  const result = await callBackend('DynamoDB', async () => {
    try {
      return await write();
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return CONFLICT;
    }
  });
  return result === CONFLICT ? onConflict() : (result as T);
}

/** Applies every member or none; false when a member's condition failed (or another write raced it). */
export async function transactWrite(
  db: DynamoDBDocumentClient,
  table: string,
  items: readonly CatalogTransactItem[],
): Promise<boolean> {
  const members = items.map((item) => {
    const [kind, body] = Object.entries(item)[0] as [string, object];
    return { [kind]: { ...body, TableName: table } };
  });
  return conditionalWrite(
    async () => {
      await db.send(new TransactWriteCommand({ TransactItems: members }));
      return true;
    },
    async () => false,
  );
}

// A plain write's failed condition, or a transaction cancelled by a failed condition or a concurrent transaction.
function isConditionFailure(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e.name === 'ConditionalCheckFailedException') return true;
  if (e.name !== 'TransactionCanceledException') return false;
  return (e.CancellationReasons ?? []).some(
    (r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict',
  );
}
