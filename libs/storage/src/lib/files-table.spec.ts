import { filesTableInput } from './files-table';

const hashKey = (name: string) => ({ AttributeName: name, KeyType: 'HASH' });
const rangeKey = (name: string) => ({ AttributeName: name, KeyType: 'RANGE' });

describe('filesTableInput', () => {
  it('creates the files table keyed by pk/sk with the sparse limbo index, as infra creates it in AWS', () => {
    expect(filesTableInput('files')).toEqual({
      TableName: 'files',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'limbo', 'updatedAt'].map((name) => ({
        AttributeName: name,
        AttributeType: 'S',
      })),
      KeySchema: [hashKey('pk'), rangeKey('sk')],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'limbo-by-updated-at',
          KeySchema: [hashKey('limbo'), rangeKey('updatedAt')],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });
});
