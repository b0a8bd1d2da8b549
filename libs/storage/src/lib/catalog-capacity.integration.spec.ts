import { Readable } from 'node:stream';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FileService, newFileId, objectKeyFor, sweep } from '@ha-uploads/files';
import { startTestBackends, type TestBackends } from '../testing/local-backends';
import { createAwsClients, type AwsClients } from './aws-clients';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';

/**
 * What each user-visible operation costs the catalog, read back from DynamoDB's own ConsumedCapacity
 * (ReturnConsumedCapacity: 'TOTAL' on every call). docs/architecture.md's capacity table quotes these figures.
 * dynalite reports the table's units only; the docs add the sparse index's writes by DynamoDB's published rule.
 */
interface Consumed {
  readonly command: string;
  readonly units: number;
}

/** Asks for ConsumedCapacity on every call the client sends, and records it. */
function recordConsumedCapacity(db: DynamoDBDocumentClient): Consumed[] {
  const log: Consumed[] = [];
  db.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity;
      log.push({ command: String(context.commandName).replace(/Command$/, ''), units: consumed?.CapacityUnits ?? Number.NaN });
      return result;
    },
    { step: 'initialize', name: 'recordConsumedCapacity' },
  );
  return log;
}

/** What `run` cost: the calls it made, in order, with their units. */
async function costOf(log: Consumed[], run: () => Promise<unknown>): Promise<Consumed[]> {
  const start = log.length;
  await run();
  return log.slice(start);
}

const unitsOf = (calls: readonly Consumed[]) => calls.reduce((sum, c) => sum + c.units, 0);
// A typical upload: a short name and a small body (the body's size does not change the catalog's cost).
const upload = (files: FileService, name = 'quarterly-report-2026.pdf') =>
  files.upload(Readable.from([Buffer.from('%PDF-1.7 a small file')]), { name, contentType: 'application/pdf' }, 'i-0123456789abcdef0');

describe('catalog capacity per operation (ConsumedCapacity from DynamoDB)', () => {
  let backends: TestBackends;
  let clients: AwsClients;
  let log: Consumed[];
  let catalog: DynamoDbFileCatalog;
  let files: FileService;

  beforeAll(async () => {
    backends = await startTestBackends();
    clients = createAwsClients(backends.config);
    log = recordConsumedCapacity(clients.dynamodb);
    catalog = new DynamoDbFileCatalog({ dynamodb: clients.dynamodb, table: backends.table });
    files = new FileService({ catalog, blobs: backends.blobStore, maxUploadBytes: 1024 * 1024 });
  });

  afterAll(async () => {
    clients.destroy();
    await backends.stop();
  });

  it('an upload costs two write units: the PENDING put and the READY update', async () => {
    // GIVEN / WHEN
    const calls = await costOf(log, () => upload(files));
    // THEN
    expect(calls).toEqual([
      { command: 'PutItem', units: 1 },
      { command: 'UpdateItem', units: 1 },
    ]);
  });

  it('a page of 50 files costs five strongly consistent read units, in one query', async () => {
    // GIVEN more than a page of files
    for (let i = 0; i < 60; i += 1) await upload(files, `quarterly-report-2026-${String(i).padStart(2, '0')}.pdf`);
    // WHEN the first page is listed
    const calls = await costOf(log, () => files.list({ limit: '50' }));
    // THEN one Query read the 55 items it fetched (50 + 1 to know there is more + 4 slack), about 350 bytes
    // each, so about 19 KB at 4 KB a unit (a read unit counts whole items read, before the READY filter)
    expect(calls).toEqual([{ command: 'Query', units: 5 }]);
  });

  it('a delete costs a read unit and two write units: the ownership get, the TRASHED update and the trash pointer', async () => {
    // GIVEN
    const record = await upload(files);
    // WHEN an admin deletes it (a file with no owner is an admin's to delete)
    const calls = await costOf(log, () => files.delete(record.id, { isAdmin: true }));
    // THEN
    expect(calls).toEqual([
      { command: 'GetItem', units: 1 },
      { command: 'UpdateItem', units: 1 },
      { command: 'PutItem', units: 1 },
    ]);
  });

  it('a download costs one read unit: the strongly consistent get', async () => {
    const record = await upload(files);
    const calls = await costOf(log, () => files.get(record.id));
    expect(calls).toEqual([{ command: 'GetItem', units: 1 }]);
  });

  it('a sweep that removes one stale upload costs a half-unit index query, then two write units', async () => {
    // GIVEN an upload that crashed two hours ago, after its PENDING put
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    const past = new DynamoDbFileCatalog({ dynamodb: clients.dynamodb, table: backends.table, now: () => twoHoursAgo });
    const id = newFileId();
    await past.putPending({ id, name: 'crashed.bin', contentType: 'application/octet-stream', objectKey: objectKeyFor(id), uploadedBy: 'i-gone', uploadedAt: twoHoursAgo.toISOString() });
    // WHEN the sweeper runs with a one-hour grace period
    const calls = await costOf(log, () => sweep({ catalog, blobs: backends.blobStore, graceSeconds: 3600 }));
    // THEN it read the sparse index (eventually consistent: half a unit), claimed the entry and deleted it;
    // objects younger than the grace period cost the catalog nothing
    expect(calls).toEqual([
      { command: 'Query', units: 0.5 },
      { command: 'UpdateItem', units: 1 },
      { command: 'DeleteItem', units: 1 },
    ]);
    expect(unitsOf(calls)).toBe(2.5);
  });
});
