import { InMemoryFileCatalog, InMemoryUsageCounters } from '@ha-uploads/files/testing';
import type { UsageCounters } from '@ha-uploads/files';
import { DynamoDbFileCatalog } from '../lib/dynamodb-file-catalog';
import { DynamoDbUsageCounters } from '../lib/dynamodb-usage-counters';
import type { CatalogUnderTest } from './catalog-fixtures';
import type { DynamoDbTarget } from './dynamodb-targets';

/** The in-memory fake of libs/files/testing, a new one per store. */
export async function inMemoryCatalogs(): Promise<CatalogUnderTest> {
  return { open: async (now) => new InMemoryFileCatalog(now), stop: async () => undefined };
}

/** DynamoDbFileCatalog on `target`, a fresh files table per store; `onOpen` sees the target once open. */
export function dynamoDbCatalogs(
  openTarget: () => Promise<DynamoDbTarget>,
  onOpen?: (target: DynamoDbTarget) => void,
): () => Promise<CatalogUnderTest> {
  return async () => {
    const target = await openTarget();
    onOpen?.(target);
    return {
      open: async (now) =>
        new DynamoDbFileCatalog({ dynamodb: target.dynamodb, table: await target.filesTable(), now }),
      stop: () => target.stop(),
    };
  };
}

/** A UsageCounters implementation the contract runs against. */
export interface CountersUnderTest {
  /** Two clients of one shared store, as two instances of the fleet have. */
  readonly instances: readonly [UsageCounters, UsageCounters];
  stop(): Promise<void>;
}

/** The in-memory fake: both "instances" are the one Map, as the fleet shares one table. */
export async function inMemoryCounters(): Promise<CountersUnderTest> {
  const counters = new InMemoryUsageCounters();
  return { instances: [counters, counters], stop: async () => undefined };
}

/** DynamoDbUsageCounters on a fresh limits table of `target`, through two adapters. */
export function dynamoDbCounters(openTarget: () => Promise<DynamoDbTarget>): () => Promise<CountersUnderTest> {
  return async () => {
    const target = await openTarget();
    const table = await target.limitsTable();
    const adapter = () => new DynamoDbUsageCounters({ dynamodb: target.dynamodb, table });
    return { instances: [adapter(), adapter()], stop: () => target.stop() };
  };
}
