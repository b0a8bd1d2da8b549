import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** One call's cost as DynamoDB reported it, and the partition keys it fell on (index partitions as `index:<key>`). */
export interface Consumed {
  readonly command: string;
  readonly units: number;
  /** Units per partition key; a transaction's units are split evenly over its members. */
  readonly partitions: Readonly<Record<string, number>>;
}

type Input = Record<string, unknown> & {
  Key?: Record<string, unknown>;
  Item?: Record<string, unknown>;
  IndexName?: string;
  ExpressionAttributeValues?: Record<string, unknown>;
  TransactItems?: Record<string, Input>[];
};

/** Asks for ConsumedCapacity on every call `db` sends (an SDK middleware), and records it with its partitions. */
export function recordConsumedCapacity(db: DynamoDBDocumentClient): Consumed[] {
  const log: Consumed[] = [];
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Input;
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const reported = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const units = totalUnits(reported);
      const keys = partitionsOf(input);
      const partitions: Record<string, number> = {};
      for (const key of keys) partitions[key] = (partitions[key] ?? 0) + units / keys.length;
      log.push({ command: String(context.commandName).replace(/Command$/, ''), units, partitions });
      return result;
    },
    { step: 'initialize', name: 'recordConsumedCapacity' },
  );
  return log;
}

// A transaction reports a list (one entry per table); single-item calls and queries report one object.
function totalUnits(reported: unknown): number {
  const list = Array.isArray(reported) ? reported : [reported];
  return list.reduce(
    (sum: number, c) => sum + Number((c as { CapacityUnits?: number } | undefined)?.CapacityUnits ?? NaN),
    0,
  );
}

function partitionsOf(input: Input): string[] {
  if (input.TransactItems) return input.TransactItems.flatMap((member) => partitionsOf(Object.values(member)[0]));
  const values = input.ExpressionAttributeValues ?? {};
  if (input.IndexName) return [`index:${String(values[':limbo'])}`];
  const pk = input.Key?.['pk'] ?? input.Item?.['pk'] ?? values[':pk'];
  return pk === undefined ? [] : [String(pk)];
}
