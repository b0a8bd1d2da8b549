import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LIMITS_TABLE_SCHEMA } from '@ha-uploads/config';
import type { BehaviourTables } from './behaviour-tables';

/** TTL on the limits table, and the ConsumedCapacity each request reports. */
export function describeTimeToLiveAndCapacity(tables: () => BehaviourTables): void {
  const db = () => tables().target.dynamodb;
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  describe('time to live', () => {
    it('is enabled on the limits table’s expiry attribute', async () => {
      const { TimeToLiveDescription } = await db().send(new DescribeTimeToLiveCommand({ TableName: tables().limits }));
      // AWS answers ENABLING for a while after the table is made; both mean expired items will go.
      expect({
        ...TimeToLiveDescription,
        TimeToLiveStatus:
          TimeToLiveDescription?.TimeToLiveStatus === 'ENABLING' ? 'ENABLED' : TimeToLiveDescription?.TimeToLiveStatus,
      }).toEqual({
        TimeToLiveStatus: 'ENABLED',
        AttributeName: LIMITS_TABLE_SCHEMA.ttlAttribute,
      });
    });

    it('still returns an item past its expiry time', async () => {
      const key = { pk: 'contract-expired' };
      const expiresAt = nowSeconds() - 3600;
      await db().send(new PutCommand({ TableName: tables().limits, Item: { ...key, total: 1, expiresAt } }));
      const { Item } = await db().send(new GetCommand({ TableName: tables().limits, Key: key, ConsistentRead: true }));
      expect(Item).toEqual({ ...key, total: 1, expiresAt });
    });
  });

  describe('consumed capacity', () => {
    const readKey = { pk: 'contract-capacity-read' };
    beforeAll(async () => {
      await db().send(new PutCommand({ TableName: tables().limits, Item: { ...readKey, total: 1 } }));
    });

    it('reports one write unit for an update of a small item', async () => {
      const out = await db().send(
        new UpdateCommand({
          TableName: tables().limits,
          Key: { pk: 'contract-capacity-write' },
          UpdateExpression: 'ADD #total :one',
          ExpressionAttributeNames: { '#total': 'total' },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      expect(out.ConsumedCapacity).toMatchObject({ TableName: tables().limits, CapacityUnits: 1 });
    });

    const readCapacity = async (consistent: boolean) =>
      (
        await db().send(
          new GetCommand({
            TableName: tables().limits,
            Key: readKey,
            ConsistentRead: consistent,
            ReturnConsumedCapacity: 'TOTAL',
          }),
        )
      ).ConsumedCapacity;

    it('reports one read unit for a strongly consistent read of a small item', async () => {
      expect(await readCapacity(true)).toMatchObject({ TableName: tables().limits, CapacityUnits: 1 });
    });

    it('reports half a read unit for an eventually consistent read of a small item', async () => {
      expect(await readCapacity(false)).toMatchObject({ TableName: tables().limits, CapacityUnits: 0.5 });
    });

    it('reports two write units per small item of a transaction', async () => {
      const out = await db().send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tables().limits, Item: { pk: 'contract-capacity-transaction', total: 1 } } },
          ],
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      expect(out.ConsumedCapacity).toEqual([expect.objectContaining({ TableName: tables().limits, CapacityUnits: 2 })]);
    });
  });
}
