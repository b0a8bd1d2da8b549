import { FILES_TABLE_DEFINITION } from '@ha-uploads/config';
import { filesTableInput } from './files-table';

describe('filesTableInput', () => {
  it('creates the table the shared files-table definition describes, as infra creates it in AWS', () => {
    // GIVEN
    const d = FILES_TABLE_DEFINITION;
    // WHEN
    const input = filesTableInput('files');
    // THEN
    expect(input).toEqual({
      TableName: 'files',
      BillingMode: d.billingMode,
      AttributeDefinitions: d.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
      KeySchema: [
        { AttributeName: d.hashKey, KeyType: 'HASH' },
        { AttributeName: d.rangeKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: d.globalSecondaryIndexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.hashKey, KeyType: 'HASH' },
          { AttributeName: i.rangeKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: i.projectionType },
      })),
    });
  });
});
