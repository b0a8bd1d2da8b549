import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type BehaviourTables, fileKey, rejectionOf } from './behaviour-tables';

/** TransactWriteItems and TransactGetItems, as the catalog uses them for an entry and its trash pointer. */
export function describeTransactions(tables: () => BehaviourTables): void {
  describe('transactions', () => {
    const db = () => tables().target.dynamodb;
    const get = async (key: { pk: string; sk: string }) =>
      (await db().send(new GetCommand({ TableName: tables().files, Key: key, ConsistentRead: true }))).Item;
    const put = (key: { pk: string; sk: string }, attributes: Record<string, unknown> = {}) =>
      db().send(new PutCommand({ TableName: tables().files, Item: { ...key, ...attributes } }));
    /** Trashes `entry` and writes its pointer in one transaction, if the entry is READY. */
    const trash = (entry: { pk: string; sk: string }, pointer: { pk: string; sk: string }) =>
      db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tables().files,
                Key: entry,
                UpdateExpression: 'SET #state = :trashed',
                ConditionExpression: '#state = :ready',
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: { ':trashed': 'TRASHED', ':ready': 'READY' },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            { Put: { TableName: tables().files, Item: { ...pointer, fileId: entry.sk } } },
          ],
        }),
      );

    it('applies every operation of a TransactWriteItems', async () => {
      const [entry, pointer] = [fileKey('tx-applied', 'f1'), fileKey('tx-applied', 'pointer#f1')];
      await put(entry, { state: 'READY' });
      await trash(entry, pointer);
      expect([(await get(entry))?.['state'], (await get(pointer))?.['fileId']]).toEqual(['TRASHED', 'f1']);
    });

    it('applies no operation when one condition fails', async () => {
      const [entry, pointer] = [fileKey('tx-none', 'f1'), fileKey('tx-none', 'pointer#f1')];
      await put(entry, { state: 'PENDING' });
      await rejectionOf(trash(entry, pointer));
      expect([(await get(entry))?.['state'], await get(pointer)]).toEqual(['PENDING', undefined]);
    });

    it('names the failed condition in CancellationReasons, with the item it saw', async () => {
      const [entry, pointer] = [fileKey('tx-reasons', 'f1'), fileKey('tx-reasons', 'pointer#f1')];
      await put(entry, { state: 'PENDING' });
      const err = await rejectionOf(trash(entry, pointer));
      expect(err).toBeInstanceOf(TransactionCanceledException);
      expect((err as unknown as TransactionCanceledException).CancellationReasons).toEqual([
        {
          Code: 'ConditionalCheckFailed',
          Message: 'The conditional request failed',
          Item: { pk: { S: entry.pk }, sk: { S: 'f1' }, state: { S: 'PENDING' } },
        },
        { Code: 'None' },
      ]);
    });

    it('checks an item it does not write with ConditionCheck', async () => {
      const [entry, pointer] = [fileKey('tx-check', 'f1'), fileKey('tx-check', 'pointer#f1')];
      const checkedPut = () =>
        db().send(
          new TransactWriteCommand({
            TransactItems: [
              {
                ConditionCheck: {
                  TableName: tables().files,
                  Key: entry,
                  ConditionExpression: 'attribute_exists(#pk)',
                  ExpressionAttributeNames: { '#pk': 'pk' },
                },
              },
              { Put: { TableName: tables().files, Item: pointer } },
            ],
          }),
        );
      await rejectionOf(checkedPut());
      await put(entry);
      await checkedPut();
      expect(await get(pointer)).toEqual(pointer);
    });

    it('reads several items at once with TransactGetItems', async () => {
      const [a, b] = [fileKey('tx-get', 'a'), fileKey('tx-get', 'b')];
      await put(a, { state: 'READY' });
      const out = await db().send(
        new TransactGetCommand({
          TransactItems: [
            { Get: { TableName: tables().files, Key: a } },
            { Get: { TableName: tables().files, Key: b } },
          ],
        }),
      );
      expect(out.Responses).toEqual([{ Item: { ...a, state: 'READY' } }, {}]);
    });
  });
}
