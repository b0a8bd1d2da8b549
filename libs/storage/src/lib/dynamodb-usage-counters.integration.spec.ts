import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { LIMITS_TABLE_SCHEMA } from '@ha-uploads/config';
import { DynamoDbUsageCounters } from './dynamodb-usage-counters';
import { useTestBackends } from '../testing/use-test-backends';

const IN_AN_HOUR = Math.floor(Date.parse('2026-12-01T13:00:00Z') / 1000);

// The port's behaviour is in src/contract/usage-counters.contract.ts; this is the adapter's item layout.
describe('DynamoDbUsageCounters items', () => {
  const backends = useTestBackends();
  let counters: DynamoDbUsageCounters;

  beforeAll(async () => {
    counters = new DynamoDbUsageCounters({ dynamodb: backends.clients.dynamodb, table: backends.limitsTable });
  });

  it('stores the window end in the TTL attribute', async () => {
    // WHEN
    await counters.add([{ key: 'ttl-window', amount: 1, expiresAtSeconds: IN_AN_HOUR }]);
    // THEN
    const { Item } = await backends.clients.dynamodb.send(
      new GetCommand({ TableName: backends.limitsTable, Key: { [LIMITS_TABLE_SCHEMA.partitionKey]: 'ttl-window' } }),
    );
    expect(Item?.[LIMITS_TABLE_SCHEMA.ttlAttribute]).toBe(IN_AN_HOUR);
  });
});
