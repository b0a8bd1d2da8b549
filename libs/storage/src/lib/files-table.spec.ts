import { filesTableInput } from './files-table';

describe('filesTableInput', () => {
  it('creates the files table keyed by pk/sk with the sparse limbo index, as infra creates it in AWS', () => {
    // GIVEN / WHEN
    const input = filesTableInput('files');
    // THEN
    expect(input).toEqual({
      TableName: 'files',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'limbo', AttributeType: 'S' },
        { AttributeName: 'updatedAt', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'limbo-by-updated-at',
          KeySchema: [
            { AttributeName: 'limbo', KeyType: 'HASH' },
            { AttributeName: 'updatedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });
});
