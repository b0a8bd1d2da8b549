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
  return (await metered(log, run)).map(({ command, units }) => ({ command, units }));
}

/** What `run` cost, with the partitions each call fell on. */
async function metered(log: Consumed[], run: () => Promise<unknown>): Promise<Consumed[]> {
  const start = log.length;
  await run();
  return log.slice(start);
}

const unitsOf = (calls: readonly { units: number }[]) => calls.reduce((sum, c) => sum + c.units, 0);

/** Where an operation's cost falls: its units by partition, shard numbers as `n` (`files#n`, `listed#0#n`). */
function unitsByPartition(calls: readonly Consumed[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const call of calls)
    for (const [pk, units] of Object.entries(call.partitions)) {
      const kind = pk.replace(/#\d+$/, '#n');
      out[kind] = (out[kind] ?? 0) + units;
    }
  return out;
}
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

  it('an upload costs one read and four write units, two of them in its entry partition', async () => {
    // GIVEN / WHEN
    const calls = await metered(log, () => upload(files));
    // THEN plain writes: the PENDING put, the read, a listed copy in each replica group, the READY flip (no
    // transaction, which costs twice)
    expect({
      calls: calls.map((c) => c.command),
      writes: unitsByPartition(calls.filter((c) => c.command !== 'GetItem')),
    }).toEqual({
      calls: ['PutItem', 'GetItem', 'PutItem', 'PutItem', 'UpdateItem'],
      writes: { 'files#n': 2, 'listed#0#n': 1, 'listed#1#n': 1 },
    });
  });

  it('a page of 50 files costs one strongly consistent read unit in each shard of one replica group', async () => {
    // GIVEN more than a page of files
    for (let i = 0; i < 60; i += 1) await upload(files, `quarterly-report-2026-${String(i).padStart(2, '0')}.pdf`);
    // WHEN two pages are listed, one after the other
    const first = await metered(log, () => files.list({ limit: '50' }, ANYONE));
    const second = await metered(log, () => files.list({ limit: '50' }, ANYONE));
    // THEN each read its share of the page plus a margin (under 4 KB, so one unit) from the 8 shards of one group,
    // the groups in turn
    const groupOf = (calls: readonly Consumed[]) => [
      ...new Set(calls.map((c) => Object.keys(c.partitions)[0].split('#')[1])),
    ];
    expect({
      calls: [first, second].map((page) => page.map(({ command, units }) => ({ command, units }))),
      partitions: [first, second].map((page) => new Set(page.map((c) => Object.keys(c.partitions)[0])).size),
      groups: [first, second].map(groupOf).flat().sort(),
    }).toEqual({
      calls: [Array(8).fill({ command: 'Query', units: 1 }), Array(8).fill({ command: 'Query', units: 1 })],
      partitions: [8, 8],
      groups: ['0', '1'],
    });
  });

  it('a delete costs two read units and ten write units: the ownership get, the read, the trash transaction', async () => {
    // GIVEN
    const record = await upload(files);
    // WHEN an admin deletes it (a file with no owner is an admin's to delete)
    const calls = await metered(log, () => files.delete(record.id, { isAdmin: true }));
    // THEN one transaction (two units a member) updates the entry, drops its two listed copies and writes its two
    // trash copies
    expect({
      calls: calls.map(({ command, units }) => ({ command, units })),
      writes: unitsByPartition(calls.filter((c) => c.command === 'TransactWriteItems')),
    }).toEqual({
      calls: [
        { command: 'GetItem', units: 1 },
        { command: 'GetItem', units: 1 },
        { command: 'TransactWriteItems', units: 10 },
      ],
      writes: { 'files#n': 6, 'listed#0#n': 2, 'listed#1#n': 2 },
    });
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
    // entry, nothing reported for the empty ones), read the entry and looked for a listed copy in each group (none:
    // the upload never completed), claimed it, and deleted it and any copy
    expect({
      queries: calls.filter((c) => c.command === 'Query').length,
      rest: calls.filter((c) => c.command !== 'Query'),
    }).toEqual({
      queries: 8,
      rest: [
        { command: 'GetItem', units: 1 },
        { command: 'GetItem', units: 1 },
        { command: 'GetItem', units: 1 },
        { command: 'TransactWriteItems', units: 2 },
        { command: 'DeleteItem', units: 1 },
        { command: 'DeleteItem', units: 1 },
        { command: 'DeleteItem', units: 1 },
      ],
    });
    expect(unitsOf(calls)).toBe(8.5);
  });
});
