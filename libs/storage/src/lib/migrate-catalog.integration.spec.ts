import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { EVERY_OWNER, type CatalogEntry, type ListedFile } from '@ha-uploads/files';
import { type TestBackends } from '../testing/local-backends';
import { useTestBackends } from '../testing/use-test-backends';
import { drainMigration as drain, everyReadyPage as everyPage } from '../testing/catalog-pages';
import { seededEntry, seededIds } from '../testing/catalog-seed';
import { listedFromItem, trashOwnerKey } from './catalog-item';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';
import { ensureFilesTable } from './ensure-resources';
import { migrateCatalog } from './migrate-catalog';

const STATES: CatalogEntry['state'][] = ['READY', 'READY', 'TRASHED', 'PENDING', 'READY', 'DELETING'];

/** A catalog as the single-partition layout wrote it: every entry under `files`, a pointer per deleted file. */
async function writeOldLayout(backends: TestBackends, table: string, count: number): Promise<void> {
  // A table of that version has no layout marker.
  const marker = { pk: 'catalog', sk: 'layout' };
  await backends.clients.dynamodb.send(new DeleteCommand({ TableName: table, Key: marker }));
  const id = seededIds(7);
  const newest = Date.now() - 60_000;
  for (let i = 0; i < count; i++) {
    const at = new Date(newest - (count - i) * 1000);
    const { id: fileId, ...entry } = seededEntry(id(at.getTime()), i, at, STATES[i % STATES.length]);
    const limbo = entry.state === 'TRASHED' ? 'trash' : entry.state === 'READY' ? undefined : 'limbo';
    const item = { ...entry, pk: 'files', sk: fileId, ...(limbo && { limbo }) };
    await backends.clients.dynamodb.send(new PutCommand({ TableName: table, Item: item }));
    if (entry.state === 'TRASHED') {
      const pointer = {
        pk: 'trash',
        sk: `${trashOwnerKey(entry.ownerId)}#${fileId}`,
        fileId,
        deletedAt: entry.deletedAt,
      };
      await backends.clients.dynamodb.send(new PutCommand({ TableName: table, Item: pointer }));
    }
  }
}

/** The listing the single-partition layout served: its READY entries, newest first. */
async function oldListing(backends: TestBackends, table: string): Promise<ListedFile[]> {
  const out = await backends.clients.dynamodb.send(
    new QueryCommand({
      TableName: table,
      ConsistentRead: true,
      ScanIndexForward: false,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: '#state = :ready',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pk': 'files', ':ready': 'READY' },
    }),
  );
  return (out.Items ?? []).map((item) => listedFromItem(item));
}

describe('migrateCatalog from the single-partition layout', () => {
  const backends = useTestBackends();

  const fresh = async (name: string) => {
    const table = `${backends.table}-${name}`;
    await ensureFilesTable(backends.clients.dynamodb, table);
    await writeOldLayout(backends, table, 30);
    // Reads the layout marker on every call, so the migration's end is seen at once.
    return {
      table,
      catalog: new DynamoDbFileCatalog({ dynamodb: backends.clients.dynamodb, table, layoutRefreshMs: 0 }),
    };
  };

  it('lists the same files, in the same order, after the move as before it', async () => {
    // GIVEN a populated old-layout table and its listing
    const { table, catalog } = await fresh('compare');
    const before = await oldListing(backends, table);
    // WHEN it is migrated
    await drain(migrateCatalog({ dynamodb: backends.clients.dynamodb, table, announceMs: 0 }));
    // THEN the sharded listing, page by page, is the old one
    expect({ size: before.length, after: await everyPage(catalog) }).toEqual({ size: 15, after: before });
  });

  it('moves the trash with its delete times, and leaves nothing in the old partitions', async () => {
    const { table, catalog } = await fresh('trash');
    await drain(migrateCatalog({ dynamodb: backends.clients.dynamodb, table, announceMs: 0 }));
    const left = await backends.clients.dynamodb.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'files' },
      }),
    );
    const trash = await catalog.listTrash({ owner: EVERY_OWNER, limit: 100 });
    expect({
      left: left.Count,
      trashed: trash.length,
      newestFirst: trash.every((e, i) => i === 0 || (e.deletedAt ?? '') <= (trash[i - 1].deletedAt ?? '')),
    }).toEqual({
      left: 0,
      trashed: 5,
      newestFirst: true,
    });
  });

  it('moves nothing on a second run', async () => {
    const { table } = await fresh('again');
    const first = await drain(migrateCatalog({ dynamodb: backends.clients.dynamodb, table, announceMs: 0 }));
    const second = await drain(migrateCatalog({ dynamodb: backends.clients.dynamodb, table, announceMs: 0 }));
    const moved = (run: readonly { outcome: string }[]) => run.filter((e) => e.outcome === 'moved').length;
    expect({ first: moved(first), second: second.length }).toEqual({ first: 30, second: 0 });
  });

  it('lists every file through the app before, during and after the move', async () => {
    // GIVEN an upgraded app over a populated old-layout table
    const { table, catalog } = await fresh('serve');
    const old = await oldListing(backends, table);
    const before = await everyPage(catalog);
    // WHEN the migration runs, read through the app after each entry it moves
    const during: ListedFile[][] = [];
    for await (const _entry of migrateCatalog({ dynamodb: backends.clients.dynamodb, table, announceMs: 0 }))
      during.push(await everyPage(catalog));
    // THEN every listing is the old layout's own
    expect({
      before,
      during: during.filter((l) => JSON.stringify(l) !== JSON.stringify(old)).length,
      after: await everyPage(catalog),
    }).toEqual({ before: old, during: 0, after: old });
  });

  it('downloads a file not yet moved by its id', async () => {
    const { table, catalog } = await fresh('get');
    const [newest] = await oldListing(backends, table);
    expect((await catalog.get(newest.id))?.state).toBe('READY');
  });

  it('moves a file not yet moved when it is deleted, so its undo lists it in the trash', async () => {
    // GIVEN a READY file of the old layout
    const { table, catalog } = await fresh('trash-old');
    const [newest] = await oldListing(backends, table);
    // WHEN it is deleted before the migration reached it
    await catalog.markTrashed(newest.id);
    // THEN it leaves the listing and is in the trash, newest first
    const trash = await catalog.listTrash({ owner: EVERY_OWNER, limit: 1 });
    const listed = await everyPage(catalog);
    expect({ trash: trash.map((e) => e.id), listed: listed.some((f) => f.id === newest.id) }).toEqual({
      trash: [newest.id],
      listed: false,
    });
  });

  it('resumes after an interrupted run from its last id, and the listing is whole', async () => {
    // GIVEN a run stopped after 10 entries
    const { table, catalog } = await fresh('resume');
    const before = await oldListing(backends, table);
    const partial = await drain(migrateCatalog({ dynamodb: backends.clients.dynamodb, table, announceMs: 0 }), 10);
    // (meanwhile the fleet lists every file, each once)
    const during = await everyPage(catalog);
    // WHEN it resumes from the last id it printed
    const rest = await drain(
      migrateCatalog({ dynamodb: backends.clients.dynamodb, table, announceMs: 0, startAfter: partial.at(-1)?.id }),
    );
    // THEN every entry moved once, and the listing is the old one
    const moved = [...partial, ...rest].filter((e) => e.outcome === 'moved').length;
    expect({ during, moved, after: await everyPage(catalog) }).toEqual({
      during: before,
      moved: 30,
      after: before,
    });
  });

  it('keeps an entry the sharded layout already has, and still removes the old one', async () => {
    // GIVEN an entry written to the sharded layout by an earlier run that stopped before deleting the old item
    const { table, catalog } = await fresh('kept');
    const first = await drain(migrateCatalog({ dynamodb: backends.clients.dynamodb, table, announceMs: 0 }), 1);
    const oldItem = { ...(await catalog.get(first[0].id)), pk: 'files', sk: first[0].id };
    await backends.clients.dynamodb.send(new PutCommand({ TableName: table, Item: oldItem }));
    // WHEN the migration runs again from the start
    const again = await drain(migrateCatalog({ dynamodb: backends.clients.dynamodb, table, announceMs: 0 }), 1);
    // THEN it reports the entry as kept
    expect(again).toEqual([{ id: first[0].id, outcome: 'kept' }]);
  });
});
