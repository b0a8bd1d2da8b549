import { monotonicFactory } from 'ulid';
import { BackendUnavailableError } from '@ha-uploads/files';
import { startTestBackends, type TestBackends } from '../testing/local-backends';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';

const nextId = monotonicFactory();

describe('DynamoDbFileCatalog against dynalite', () => {
  let backends: TestBackends;
  let catalog: DynamoDbFileCatalog;

  beforeAll(async () => {
    backends = await startTestBackends();
    catalog = backends.catalog;
  });

  afterAll(async () => {
    await backends.stop();
  });


  // The port's other behaviour is in src/contract/file-catalog.contract.ts, run against this adapter and the fake.
  describe('ping', () => {
    it('fails with BackendUnavailableError when the table is missing', async () => {
      const missing = new DynamoDbFileCatalog({ dynamodb: backends.clients.dynamodb, table: 'no-such-table' });
      await expect(missing.ping()).rejects.toBeInstanceOf(BackendUnavailableError);
    });

    it('fails with BackendUnavailableError while DynamoDB is stopped, and recovers after a restart', async () => {
      await backends.stopDynamo();
      try {
        await expect(catalog.ping()).rejects.toBeInstanceOf(BackendUnavailableError);
        await expect(catalog.get(nextId())).rejects.toBeInstanceOf(BackendUnavailableError);
      } finally {
        await backends.startDynamo();
      }
      await expect(catalog.ping()).resolves.toBeUndefined();
    });
  });
});
