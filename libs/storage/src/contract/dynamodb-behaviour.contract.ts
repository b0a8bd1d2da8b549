import type { BehaviourTables } from './behaviour-tables';
import type { DynamoDbTarget } from './dynamodb-targets';
import { describeConditionalWrites } from './dynamodb-writes.contract';
import { describeReads } from './dynamodb-reads.contract';
import { describeTransactions } from './dynamodb-transactions.contract';
import { describeTimeToLiveAndCapacity } from './dynamodb-ttl-capacity.contract';

/**
 * Every DynamoDB behaviour the catalog and the counters rely on, one test each, against the DynamoDB `openTarget`
 * gives: the local stand-in on every npm test, real AWS under storage:contract-aws.
 */
export function describeDynamoDbBehaviour(openTarget: () => Promise<DynamoDbTarget>): void {
  let tables: BehaviourTables | undefined;
  const current = (): BehaviourTables => {
    if (!tables) throw new Error('the DynamoDB target did not open');
    return tables;
  };

  describe('DynamoDB behaviour', () => {
    beforeAll(async () => {
      const target = await openTarget();
      const [files, limits] = await Promise.all([target.filesTable(), target.limitsTable()]);
      tables = { target, files, limits };
    });

    afterAll(async () => {
      await tables?.target.stop();
    });

    describeConditionalWrites(current);
    describeReads(current);
    describeTransactions(current);
    describeTimeToLiveAndCapacity(current);
  });
}
