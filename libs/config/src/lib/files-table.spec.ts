import { FILES_TABLE_DEFINITION, FILES_TABLE_SCHEMA } from './files-table';

describe('FILES_TABLE_DEFINITION', () => {
  it('declares exactly the attributes its keys and indexes use (DynamoDB rejects any other)', () => {
    // GIVEN
    const d = FILES_TABLE_DEFINITION;
    // WHEN
    const used = new Set([d.hashKey, d.rangeKey, ...d.globalSecondaryIndexes.flatMap((i) => [i.hashKey, i.rangeKey])]);
    // THEN
    expect(new Set(d.attributes.map((a) => a.name))).toEqual(used);
  });

  it("keys the table and the sweeper's index by the schema's names", () => {
    expect(FILES_TABLE_DEFINITION).toMatchObject({
      hashKey: FILES_TABLE_SCHEMA.partitionKey,
      rangeKey: FILES_TABLE_SCHEMA.sortKey,
      globalSecondaryIndexes: [
        { name: FILES_TABLE_SCHEMA.staleIndex, hashKey: FILES_TABLE_SCHEMA.staleIndexPartitionKey, rangeKey: FILES_TABLE_SCHEMA.staleIndexSortKey },
      ],
    });
  });
});
