import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { useTestBackends } from '../testing/use-test-backends';
import { catalogView as view, drainMigration as drain } from '../testing/catalog-pages';
import { seedEveryState } from '../testing/catalog-seed';
import { itemKey } from './catalog-item';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';
import { ensureFilesTable } from './ensure-resources';
import { migrateCatalog } from './migrate-catalog';

describe('migrateCatalog to another shard count', () => {
  const backends = useTestBackends();

  /** A table of 8 shards holding 36 entries in every state, and a catalog that reads the layout on every call. */
  const populated = async (name: string) => {
    const table = `${backends.table}-${name}`;
    await ensureFilesTable(backends.clients.dynamodb, table);
    const entries = await seedEveryState(backends.clients.dynamodb, table, 11, { shards: 8 });
    const catalog = new DynamoDbFileCatalog({ dynamodb: backends.clients.dynamodb, table, layoutRefreshMs: 0 });
    return { table, entries, catalog };
  };
  const migrate = (table: string, shards: number) =>
    migrateCatalog({ dynamodb: backends.clients.dynamodb, table, shards, announceMs: 0 });

  it.each([16, 4])(
    'shows the same listing and trash before, during and after a move from 8 to %i shards',
    async (shards) => {
      // GIVEN a populated 8-shard table and what a client sees of it
      const { table, catalog } = await populated(`to-${shards}`);
      const before = await view(catalog);
      // WHEN it moves to another shard count, read through the catalog after each entry
      const during: string[] = [];
      for await (const _entry of migrate(table, shards)) during.push(JSON.stringify(await view(catalog)));
      // THEN every view is the first one
      expect({
        changed: during.filter((v) => v !== JSON.stringify(before)).length,
        after: await view(catalog),
      }).toEqual({
        changed: 0,
        after: before,
      });
    },
  );

  it('leaves every entry at its key of the new count, and a catalog with no setting reads it there', async () => {
    // GIVEN a table moved to 16 shards
    const { table, entries } = await populated('keys');
    await drain(migrate(table, 16));
    // WHEN a new instance reads each entry
    const fresh = new DynamoDbFileCatalog({ dynamodb: backends.clients.dynamodb, table });
    const read = await Promise.all(entries.map(async (e) => (await fresh.get(e.id))?.state));
    const atNewKey = await Promise.all(
      entries.map(
        async (e) =>
          (await backends.clients.dynamodb.send(new GetCommand({ TableName: table, Key: itemKey(e.id, 16) }))).Item !==
          undefined,
      ),
    );
    // THEN each is in its state, at its 16-shard key
    expect({ read, atNewKey: atNewKey.every(Boolean) }).toEqual({ read: entries.map((e) => e.state), atNewKey: true });
  });

  it('moves nothing on a second run', async () => {
    const { table } = await populated('again');
    const first = await drain(migrate(table, 16));
    const second = await drain(migrate(table, 16));
    expect({
      moved: first.some((e) => e.outcome === 'moved'),
      again: second.filter((e) => e.outcome === 'moved'),
    }).toEqual({ moved: true, again: [] });
  });

  it('finishes an interrupted move when run again, even without the count', async () => {
    // GIVEN a move to 16 shards stopped after its first moved entry
    const { table, catalog } = await populated('resume');
    const before = await view(catalog);
    for await (const entry of migrate(table, 16)) if (entry.outcome === 'moved') break;
    // WHEN the command runs again with no --shards
    await drain(migrateCatalog({ dynamodb: backends.clients.dynamodb, table, announceMs: 0 }));
    // THEN the move ended: a catalog that reads only 16 shards sees everything
    const settled = new DynamoDbFileCatalog({ dynamodb: backends.clients.dynamodb, table });
    expect(await view(settled)).toEqual(before);
  });

  it('refuses another count while a move is under way', async () => {
    const { table } = await populated('busy');
    for await (const entry of migrate(table, 16)) if (entry.outcome === 'moved') break;
    await expect(drain(migrate(table, 4))).rejects.toThrow(
      'a move to 16 shards and 2 replica groups is under way; finish it first, got 4 shards and 2 replica groups',
    );
  });
});
