import { Readable } from 'node:stream';
import { FileService, newFileId, sweep } from '@ha-uploads/files';
import { startTestBackends, type TestBackends } from '../testing/local-backends';
import { putCrashedUpload } from '../testing/catalog-seed';
import { type Consumed, recordConsumedCapacity } from '../testing/consumed-capacity';
import { createAwsClients, type AwsClients } from './aws-clients';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';

// A client with no identity: it owns nothing and sees what everyone sees.
const ANYONE = { isAdmin: false };

/**
 * What each user-visible operation costs the catalog, read back from DynamoDB's own ConsumedCapacity
 * (ReturnConsumedCapacity: 'TOTAL' on every call). docs/architecture.md's capacity table quotes these figures.
 * dynalite reports the table's units only; the docs add the sparse index's writes by DynamoDB's published rule.
 */
/** What `run` cost: the calls it made, in order, with their units. */
async function costOf(log: Consumed[], run: () => Promise<unknown>): Promise<{ command: string; units: number }[]> {
  const start = log.length;
  await run();
  return log.slice(start).map(({ command, units }) => ({ command, units }));
}

const unitsOf = (calls: readonly { units: number }[]) => calls.reduce((sum, c) => sum + c.units, 0);
// A typical upload: a short name and a small body (the body's size does not change the catalog's cost).
const upload = (files: FileService, name = 'quarterly-report-2026.pdf') =>
  files.upload(
    Readable.from([Buffer.from('%PDF-1.7 a small file')]),
    { name, contentType: 'application/pdf' },
    'i-0123456789abcdef0',
  );

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
    // An instance reads the table's layout marker at its first call, then every 10 s: not part of any operation.
    await catalog.listReady({ limit: 1 });
    files = new FileService({ catalog, blobs: backends.blobStore, maxUploadBytes: 1024 * 1024 });
  });

  afterAll(async () => {
    clients.destroy();
    await backends.stop();
  });

  it('an upload costs one read and three write units: the PENDING put, the read, the listed copy, the READY flip', async () => {
    // GIVEN / WHEN
    const calls = await costOf(log, () => upload(files));
    // THEN plain writes, the listed copy before the flip (no transaction, which costs twice)
    expect(calls).toEqual([
      { command: 'PutItem', units: 1 },
      { command: 'GetItem', units: 1 },
      { command: 'PutItem', units: 1 },
      { command: 'UpdateItem', units: 1 },
    ]);
  });

  it('a page of 50 files costs one strongly consistent read unit per shard, one query each', async () => {
    // GIVEN more than a page of files
    for (let i = 0; i < 60; i += 1) await upload(files, `quarterly-report-2026-${String(i).padStart(2, '0')}.pdf`);
    // WHEN the first page is listed
    const calls = await costOf(log, () => files.list({ limit: '50' }, ANYONE));
    // THEN each of the 8 shards read its share of the page plus a margin (under 4 KB, so one unit each)
    expect(calls).toEqual(Array(8).fill({ command: 'Query', units: 1 }));
  });

  it('a delete costs two read units and eight write units: the ownership get, the read, the trash transaction', async () => {
    // GIVEN
    const record = await upload(files);
    // WHEN an admin deletes it (a file with no owner is an admin's to delete)
    const calls = await costOf(log, () => files.delete(record.id, { isAdmin: true }));
    // THEN one transaction updates the entry, drops its listed copy and writes its two trash copies
    expect(calls).toEqual([
      { command: 'GetItem', units: 1 },
      { command: 'GetItem', units: 1 },
      { command: 'TransactWriteItems', units: 8 },
    ]);
  });

  it('a download costs one read unit: the strongly consistent get', async () => {
    const record = await upload(files);
    const calls = await costOf(log, () => files.get(record.id, ANYONE));
    expect(calls).toEqual([{ command: 'GetItem', units: 1 }]);
  });

  it('a sweep that removes one stale upload reads each shard of the index, then claims and deletes it', async () => {
    // GIVEN an upload that crashed two hours ago, after its PENDING put
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    const id = newFileId();
    await putCrashedUpload(clients.dynamodb, backends.table, id, twoHoursAgo);
    // WHEN the sweeper runs with a one-hour grace period
    const calls = await costOf(log, () => sweep({ catalog, blobs: backends.blobStore, graceSeconds: 3600 }));
    // THEN it queried the 8 shards of the sparse index (eventually consistent: half a unit for the one with the
    // entry, nothing reported for the empty ones), read the entry and looked for a listed copy (none: the upload
    // never completed), claimed it, and deleted it and any copy
    expect({
      queries: calls.filter((c) => c.command === 'Query').length,
      rest: calls.filter((c) => c.command !== 'Query'),
    }).toEqual({
      queries: 8,
      rest: [
        { command: 'GetItem', units: 1 },
        { command: 'GetItem', units: 1 },
        { command: 'TransactWriteItems', units: 2 },
        { command: 'DeleteItem', units: 1 },
        { command: 'DeleteItem', units: 1 },
      ],
    });
    expect(unitsOf(calls)).toBe(6.5);
  });
});
