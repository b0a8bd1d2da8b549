import { FILES_TABLE_DEFINITION } from './files-table';

describe('FILES_TABLE_DEFINITION', () => {
  it('keys the table by pk/sk and declares exactly the attributes its keys and index use (DynamoDB rejects any other)', () => {
    expect(FILES_TABLE_DEFINITION).toMatchObject({
      hashKey: 'pk',
      rangeKey: 'sk',
      attributes: ['pk', 'sk', 'limbo', 'updatedAt'].map((name) => ({ name, type: 'S' })),
    });
  });

  it("keys the sweeper's sparse index by limbo and updatedAt", () => {
    expect(FILES_TABLE_DEFINITION.globalSecondaryIndexes).toEqual([
      { name: 'limbo-by-updated-at', hashKey: 'limbo', rangeKey: 'updatedAt', projectionType: 'ALL' },
    ]);
  });
});
