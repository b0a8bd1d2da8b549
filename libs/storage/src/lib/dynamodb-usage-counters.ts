import { DeleteCommand, type DynamoDBDocumentClient, paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
 * is atomic however many instances write at once. DynamoDB's TTL removes a window once it is over.
 */
export class DynamoDbUsageCounters implements UsageCounters {
  constructor(private readonly props: DynamoDbUsageCountersProps) {}

  add(increments: readonly CounterIncrement[]): Promise<number[]> {
    // Parallel single-item updates: one round trip of latency, and no transaction (dynalite has none).
    return Promise.all(increments.map((increment) => this.addOne(increment)));
  }

  /**
   * Deletes the windows that are over, for local backends: dynalite has no TTL. On AWS, TTL does this for free;
   * never call it there, as it scans the table. Resolves with how many it removed.
   */
  async removeExpired(now: Date): Promise<number> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    let removed = 0;
    const pages = paginateScan(
      { client: this.props.dynamodb },
      {
        TableName: this.props.table,
        FilterExpression: '#expiresAt < :now',
        ProjectionExpression: '#pk',
        ExpressionAttributeNames: { '#expiresAt': ttlAttribute, '#pk': partitionKey },
        ExpressionAttributeValues: { ':now': nowSeconds },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        await callBackend('DynamoDB', () => this.props.dynamodb.send(new DeleteCommand({ TableName: this.props.table, Key: { [partitionKey]: item[partitionKey] } })));
        removed++;
      }
    }
    return removed;
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
