import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { LIMITS_TABLE_SCHEMA } from '@ha-uploads/config';
import { createAwsClients, type AwsClients } from './aws-clients';
import { DynamoDbUsageCounters } from './dynamodb-usage-counters';
import { startTestBackends, type TestBackends } from '../testing/local-backends';

const IN_AN_HOUR = Math.floor(Date.parse('2026-12-01T13:00:00Z') / 1000);

describe('DynamoDbUsageCounters (dynalite)', () => {
  let backends: TestBackends;
  let otherClients: AwsClients;
  let counters: DynamoDbUsageCounters;
  let otherInstance: DynamoDbUsageCounters;

  beforeAll(async () => {
    backends = await startTestBackends();
    // A second instance's own SDK clients, as another server of the fleet would have.
    otherClients = createAwsClients(backends.config);
    counters = new DynamoDbUsageCounters({ dynamodb: backends.clients.dynamodb, table: backends.limitsTable });
    otherInstance = new DynamoDbUsageCounters({ dynamodb: otherClients.dynamodb, table: backends.limitsTable });
  });

  afterAll(async () => {
    otherClients.destroy();
    await backends.stop();
  });

  it('resolves with each counter’s new total, in order', async () => {
    // WHEN
    const totals = await counters.add([
      { key: 'order-a', amount: 3, expiresAtSeconds: IN_AN_HOUR },
      { key: 'order-b', amount: 0, expiresAtSeconds: IN_AN_HOUR },
    ]);
    // THEN
    expect(totals).toEqual([3, 0]);
  });

  it('loses no increment when two instances add to one counter at once', async () => {
    // GIVEN
    const one = { key: 'shared-window', amount: 1, expiresAtSeconds: IN_AN_HOUR };
    // WHEN
    const totals = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? counters : otherInstance).add([one])));
    // THEN
    expect(totals.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('gives back an amount with a negative increment', async () => {
    // GIVEN
    await counters.add([{ key: 'refund', amount: 600, expiresAtSeconds: IN_AN_HOUR }]);
    // WHEN
    const [total] = await counters.add([{ key: 'refund', amount: -600, expiresAtSeconds: IN_AN_HOUR }]);
    // THEN
    expect(total).toBe(0);
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
