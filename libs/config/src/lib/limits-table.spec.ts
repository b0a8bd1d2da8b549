import { LIMITS_TABLE_DEFINITION } from './limits-table';

describe('LIMITS_TABLE_DEFINITION', () => {
  it('keys the counters by a string pk alone and expires them by TTL on expiresAt', () => {
    expect(LIMITS_TABLE_DEFINITION).toEqual({
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'pk',
      attributes: [{ name: 'pk', type: 'S' }],
      globalSecondaryIndexes: [],
      ttlAttribute: 'expiresAt',
    });
  });
});
