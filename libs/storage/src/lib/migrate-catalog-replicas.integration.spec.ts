import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CatalogEntry } from '@ha-uploads/files';
import { useTestBackends } from '../testing/use-test-backends';
import { catalogView as view, drainMigration as drain, everyReadyPage } from '../testing/catalog-pages';
import { itemsOf, seedEveryState, seedItems, seededEntry, seededIds } from '../testing/catalog-seed';
import { type Consumed, recordConsumedCapacity } from '../testing/consumed-capacity';
import { createAwsClients } from './aws-clients';
import { listedKeys } from './catalog-item';
import { readLayout, writeLayout } from './catalog-layout';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';
import { ensureFilesTable } from './ensure-resources';
import { migrateCatalog } from './migrate-catalog';

describe('migrateCatalog into other listing replica groups', () => {
  const backends = useTestBackends();

  /**
   * A table of 8 shards holding 36 entries in every state, their listed copies as `replicas` groups keep them (0: in
   * each entry's own shard, as the layout before the groups did, whose marker names no replica count), and a catalog
   * that reads the layout on every call.
   */
  const populated = async (name: string, replicas: number) => {
    const table = `${backends.table}-${name}`;
    await ensureFilesTable(backends.clients.dynamodb, table);
    const marker = { pk: 'catalog', sk: 'layout', shards: 8, legacyDrained: true };
    await backends.clients.dynamodb.send(
      new PutCommand({ TableName: table, Item: replicas === 0 ? marker : { ...marker, replicas } }),
    );
    const entries = await seedEveryState(backends.clients.dynamodb, table, 13, { shards: 8, replicas });
    const catalog = new DynamoDbFileCatalog({ dynamodb: backends.clients.dynamodb, table, layoutRefreshMs: 0 });
    return { table, entries, catalog };
  };
  const migrate = (table: string, replicas?: number) =>
    migrateCatalog({ dynamodb: backends.clients.dynamodb, table, announceMs: 0, ...(replicas && { replicas }) });

  /** How many items of the table sit in partitions whose key starts with `prefix`, read with one Scan. */
  const itemsUnder = async (table: string, prefix: string) => {
    const { Items = [] } = await backends.clients.dynamodb.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': prefix },
      }),
    );
    return Items.length;
  };

  it.each([
    ['from copies in their own shards (no --replicas) to 2 groups', 0, undefined],
    ['from 2 groups to 3', 2, 3],
    ['from 2 groups to 1', 2, 1],
  ])('shows the same listing and trash before, during and after a move %s', async (_name, from, to) => {
    // GIVEN a populated table and what a client sees of it
    const { table, catalog } = await populated(`view-${from}-${to}`, from);
    const before = await view(catalog);
    // WHEN its listed copies move, read through the catalog after each entry
    const during: string[] = [];
    for await (const _entry of migrate(table, to)) during.push(JSON.stringify(await view(catalog)));
    // THEN every view is the first one
    expect({
      seen: during.length,
      changed: during.filter((v) => v !== JSON.stringify(before)).length,
      after: await view(catalog),
    }).toEqual({
      seen: 36,
      changed: 0,
      after: before,
    });
  });

  it('leaves no copy in the entries’ shards, a copy of each READY entry in each group, and moves nothing twice', async () => {
    // GIVEN a table of the layout before the groups
    const { table, entries } = await populated('copies', 0);
    // WHEN it is migrated twice
    const first = await drain(migrate(table));
    const second = await drain(migrate(table));
    // THEN the READY entries moved once, and their copies are in the groups alone
    const ready = entries.filter((e) => e.state === 'READY').length;
    let inline = 0;
    const groups = [0, 0];
    for (let n = 0; n < 8; n++) {
      const { Items = [] } = await backends.clients.dynamodb.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ready)',
          ExpressionAttributeValues: { ':pk': `files#${n}`, ':ready': 'ready#' },
        }),
      );
      inline += Items.length;
      for (const g of [0, 1]) groups[g] += await itemsUnder(table, `listed#${g}#${n}`);
    }
    expect({
      moved: first.filter((e) => e.outcome === 'moved').length,
      again: second.filter((e) => e.outcome === 'moved').length,
      inline,
      groups,
    }).toEqual({ moved: ready, again: 0, inline: 0, groups: [ready, ready] });
  });

  it('after the move, a page reads the 8 shards of one group, and a cursor from before it finds the same next page', async () => {
    // GIVEN a first page listed before the move, and the page after it
    const { table, catalog } = await populated('cursor', 0);
    const first = await catalog.listReady({ limit: 5 });
    const cursor = first.records.at(-1)?.id;
    const next = await catalog.listReady({ limit: 5, before: cursor });
    await drain(migrate(table));
    // WHEN a metered instance lists the next page with that cursor
    const clients = createAwsClients(backends.config);
    const log: Consumed[] = recordConsumedCapacity(clients.dynamodb);
    const fresh = new DynamoDbFileCatalog({ dynamodb: clients.dynamodb, table, layoutRefreshMs: 3_600_000 });
    await fresh.listReady({ limit: 1 });
    const start = log.length;
    const again = await fresh.listReady({ limit: 5, before: cursor });
    const calls = log.slice(start);
    clients.destroy();
    // THEN it is the same page, read from one group's 8 partitions
    expect({
      again,
      queries: calls.map((c) => c.command),
      partitions: calls.map((c) => Object.keys(c.partitions)[0].replace(/#\d+$/, '')),
    }).toEqual({
      again: next,
      queries: Array(8).fill('Query'),
      partitions: Array(8).fill('listed#1'),
    });
  });

  it('lists an upload finished, and drops a file deleted, while the move is under way', async () => {
    // GIVEN a move from inline copies announced, and stopped after its first moved entry
    const { table, catalog, entries } = await populated('serve', 0);
    for await (const entry of migrate(table)) if (entry.outcome === 'moved') break;
    // WHEN a file not yet moved is deleted, and a pending upload finishes
    const unmoved = entries.filter((e) => e.state === 'READY').at(-1) as CatalogEntry;
    const pending = entries.find((e) => e.state === 'PENDING') as CatalogEntry;
    await catalog.markTrashed(unmoved.id);
    await catalog.markReady(pending.id, { size: 3, sha256: 'cd'.repeat(32), contentType: 'text/plain' });
    // THEN the listing, read through each group in turn, and after the move ends, agrees
    const views = [await everyReadyPage(catalog), await everyReadyPage(catalog)];
    await drain(migrate(table));
    views.push(await everyReadyPage(catalog), await everyReadyPage(catalog));
    expect(
      views.map((listed) => ({
        deleted: listed.some((f) => f.id === unmoved.id),
        uploaded: listed.some((f) => f.id === pending.id),
      })),
    ).toEqual(Array(4).fill({ deleted: false, uploaded: true }));
  });

  it('lets no instance miss a write while the move is announced: each reads what the next step writes', async () => {
    // GIVEN three instances of one table: one read the layout before the announcement, one during its first step
    // (read both layouts, still write the old), and one after its second (write the new)
    const { table, entries } = await populated('announce', 0);
    const instance = async () => {
      const catalog = new DynamoDbFileCatalog({
        dynamodb: backends.clients.dynamodb,
        table,
        layoutRefreshMs: 3_600_000,
      });
      await catalog.listReady({ limit: 1 });
      return catalog;
    };
    const announced = { shards: 8, replicas: 2, fromReplicas: 0, legacy: false };
    const before = await instance();
    await writeLayout(backends.clients.dynamodb, table, { ...announced, writesOld: true });
    const reading = await instance();
    await writeLayout(backends.clients.dynamodb, table, announced);
    const writing = await instance();
    // WHEN the first-step instance finishes an upload and the second-step one finishes another
    const [first, second] = entries.filter((e) => e.state === 'PENDING');
    const facts = { size: 3, sha256: 'cd'.repeat(32), contentType: 'text/plain' };
    await reading.markReady(first.id, facts);
    await writing.markReady(second.id, facts);
    // THEN the instance a step behind each writer lists its upload, and the move then ends with both listed
    const lists = async (catalog: DynamoDbFileCatalog, id: string) =>
      (await everyReadyPage(catalog)).some((f) => f.id === id);
    const seen = [await lists(before, first.id), await lists(reading, second.id)];
    await drain(migrate(table));
    const after = await instance();
    expect({ seen, after: [await lists(after, first.id), await lists(after, second.id)] }).toEqual({
      seen: [true, true],
      after: [true, true],
    });
  });

  it('finishes a move stopped during its announcement when run again', async () => {
    // GIVEN a move into groups whose run stopped after its first announcement
    const { table, catalog } = await populated('half-announced', 0);
    const before = await view(catalog);
    await writeLayout(backends.clients.dynamodb, table, {
      shards: 8,
      replicas: 2,
      fromReplicas: 0,
      writesOld: true,
      legacy: false,
    });
    // WHEN the command runs again
    await drain(migrate(table));
    // THEN the move ended in the groups, and a client sees what it saw
    expect({ layout: await readLayout(backends.clients.dynamodb, table, 8), view: await view(catalog) }).toEqual({
      layout: { shards: 8, replicas: 2, legacy: false },
      view: before,
    });
  });

  it('keeps a scan verdict recorded while the move was reading the entry', async () => {
    // GIVEN a READY file awaiting its scan in a table of the layout before the groups, and the move into them under way
    const { table } = await populated('scan-race', 0);
    const at = new Date(Date.now() - 30_000);
    const file: CatalogEntry = { ...seededEntry(seededIds(21)(at.getTime()), 99, at), scan: 'pending' };
    await seedItems(backends.clients.dynamodb, table, itemsOf(file, { shards: 8, replicas: 0 }));
    const catalog = new DynamoDbFileCatalog({ dynamodb: backends.clients.dynamodb, table, layoutRefreshMs: 0 });
    // WHEN an instance records its verdict after the migration read it, just before the migration writes its move
    const migrating = createAwsClients(backends.config);
    let raced: Promise<unknown> | undefined;
    migrating.dynamodb.middlewareStack.add(
      (next) => async (args) => {
        const members = (args.input as { TransactItems?: { Update?: { Key: { sk: string } } }[] }).TransactItems;
        if (!raced && members?.some((m) => m.Update?.Key.sk === file.id)) {
          raced = catalog.recordScan(file.id, { objectKey: file.objectKey, scan: 'infected', detail: 'EICAR' });
          await raced;
        }
        return next(args);
      },
      { step: 'initialize', name: 'recordVerdictFirst' },
    );
    await drain(migrateCatalog({ dynamodb: migrating.dynamodb, table, announceMs: 0 }));
    migrating.destroy();
    // THEN the verdict stands, on the entry and on both groups' copies
    const copies = await Promise.all(
      listedKeys(file.id, { shards: 8, replicas: 2 }).map(
        async (Key) => (await backends.clients.dynamodb.send(new GetCommand({ TableName: table, Key }))).Item?.['scan'],
      ),
    );
    expect({ recorded: await raced, entry: (await catalog.get(file.id))?.scan, copies }).toEqual({
      recorded: 'recorded',
      entry: 'infected',
      copies: ['infected', 'infected'],
    });
  });

  it('refuses another count while a move is under way', async () => {
    const { table } = await populated('busy', 2);
    for await (const entry of migrate(table, 3)) if (entry.outcome === 'moved') break;
    await expect(drain(migrate(table, 4))).rejects.toThrow(
      'a move to 8 shards and 3 replica groups is under way; finish it first, got 8 shards and 4 replica groups',
    );
  });
});
