import type { DynamoDbTarget } from './dynamodb-targets';

/** The tables one DynamoDB behaviour run writes to, set once the target is open. */
export interface BehaviourTables {
  readonly target: DynamoDbTarget;
  /** A files table (filesTableInput: pk/sk and the sparse stale index). */
  readonly files: string;
  /** A limits table (limitsTableInput, TTL on expiresAt). */
  readonly limits: string;
}

/** A key in the files table, in a partition of the test's own so tests never see each other's items. */
export function fileKey(partition: string, sortKey: string): { pk: string; sk: string } {
  return { pk: `contract-${partition}`, sk: sortKey };
}

/** The error `operation` rejects with; throws when it resolves. */
export async function rejectionOf(operation: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await operation;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('the call succeeded, but it should have failed');
}
