import { limitsTableInput } from './limits-table';

describe('limitsTableInput', () => {
  it('creates the limits table keyed by a string pk alone, with no index list (DynamoDB refuses an empty one)', () => {
    // GIVEN / WHEN
    const input = limitsTableInput('limits');
    // THEN
    expect(input).toEqual({
      TableName: 'limits',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });
  });
});
