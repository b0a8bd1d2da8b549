import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LIMITS_TABLE_SCHEMA } from '@ha-uploads/config';
import type { CounterIncrement, UsageCounters } from '@ha-uploads/files';
import { callBackend } from './backend-errors';

/** Settings of DynamoDbUsageCounters. */
export interface DynamoDbUsageCountersProps {
  readonly dynamodb: DynamoDBDocumentClient;
  /** The limits table (key design LIMITS_TABLE_SCHEMA). */
  readonly table: string;
}

const { partitionKey, ttlAttribute } = LIMITS_TABLE_SCHEMA;

/**
 * The fleet-wide counters in the limits table: one item per counter and window, raised with UpdateItem ADD, which
 * is atomic however many instances write at once. DynamoDB's TTL removes a window some time after it is over; nothing
 * relies on that, since a window's key is never asked for again once the clock has left it.
 */
export class DynamoDbUsageCounters implements UsageCounters {
  constructor(private readonly props: DynamoDbUsageCountersProps) {}

  add(increments: readonly CounterIncrement[]): Promise<number[]> {
    // Parallel single-item updates: one round trip of latency; each counter stands alone, so no transaction.
    return Promise.all(increments.map((increment) => this.addOne(increment)));
  }

  private async addOne(increment: CounterIncrement): Promise<number> {
    const { Attributes } = await callBackend('DynamoDB', () =>
      this.props.dynamodb.send(
        new UpdateCommand({
          TableName: this.props.table,
          Key: { [partitionKey]: increment.key },
          UpdateExpression: 'ADD #total :amount SET #expiresAt = :expiresAt',
          ExpressionAttributeNames: { '#total': 'total', '#expiresAt': ttlAttribute },
          ExpressionAttributeValues: { ':amount': increment.amount, ':expiresAt': increment.expiresAtSeconds },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    );
    return Number(Attributes?.total ?? 0);
  }
}
