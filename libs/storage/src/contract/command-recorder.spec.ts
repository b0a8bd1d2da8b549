import { eventuallyConsistentReads, type RecordedCommand } from './command-recorder';

describe('eventuallyConsistentReads', () => {
  it('picks a GetItem without ConsistentRead', () => {
    const get: RecordedCommand = { command: 'GetItem', input: { TableName: 't' } };
    expect(eventuallyConsistentReads([get])).toEqual([get]);
  });

  it('leaves out a strongly consistent Query and an index Query', () => {
    const reads: RecordedCommand[] = [
      { command: 'Query', input: { TableName: 't', ConsistentRead: true } },
      { command: 'Query', input: { TableName: 't', IndexName: 'i' } },
    ];
    expect(eventuallyConsistentReads(reads)).toEqual([]);
  });

  it('picks a BatchGetItem with a table read eventually consistently', () => {
    const batch: RecordedCommand = { command: 'BatchGetItem', input: { RequestItems: { t: { Keys: [] } } } };
    expect(eventuallyConsistentReads([batch])).toEqual([batch]);
  });

  it('leaves out writes', () => {
    expect(eventuallyConsistentReads([{ command: 'PutItem', input: { TableName: 't' } }])).toEqual([]);
  });
});
