import { FILES_TABLE_DEFINITION, LIMITS_TABLE_DEFINITION } from '@ha-uploads/config';
import { tableShape } from './table-shape';

describe('tableShape', () => {
  it('spells the files table with its sort key and limbo index, and no TTL', () => {
    expect(tableShape(FILES_TABLE_DEFINITION)).toEqual({
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'pk',
      rangeKey: 'sk',
      attribute: ['pk', 'sk', 'limbo', 'updatedAt'].map((name) => ({ name, type: 'S' })),
      globalSecondaryIndex: [
        { name: 'limbo-by-updated-at', hashKey: 'limbo', rangeKey: 'updatedAt', projectionType: 'ALL' },
      ],
      ttl: undefined,
    });
  });

  it('spells the limits table with TTL on expiresAt and neither sort key nor index', () => {
    expect(tableShape(LIMITS_TABLE_DEFINITION)).toEqual({
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'pk',
      rangeKey: undefined,
      attribute: [{ name: 'pk', type: 'S' }],
      globalSecondaryIndex: undefined,
      ttl: { attributeName: 'expiresAt', enabled: true },
    });
  });
});
