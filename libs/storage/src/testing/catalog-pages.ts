import { EVERY_OWNER, type FileCatalog, type ListedFile } from '@ha-uploads/files';
import type { MigratedEntry } from '../lib/migrate-catalog';

/** Every READY record of `catalog`, newest first, read page after page as a client would. */
export async function everyReadyPage(catalog: Pick<FileCatalog, 'listReady'>, limit = 7): Promise<ListedFile[]> {
  const records: ListedFile[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await catalog.listReady({ limit, before });
    records.push(...page.records);
    if (!page.hasMore) return records;
    before = page.records.at(-1)?.id;
  }
}

/** Runs a migration to its end, or to its first `stopAfter` entries; resolves to the entries it reported. */
export async function drainMigration(
  migration: AsyncIterable<MigratedEntry>,
  stopAfter = Infinity,
): Promise<MigratedEntry[]> {
  const seen: MigratedEntry[] = [];
  for await (const entry of migration) {
    seen.push(entry);
    if (seen.length >= stopAfter) break;
  }
  return seen;
}

/** What a client sees: every listed id, newest first, page by page, and the trash's ids, newest delete first. */
export async function catalogView(
  catalog: Pick<FileCatalog, 'listReady' | 'listTrash'>,
): Promise<{ listed: string[]; trash: string[] }> {
  const listed = (await everyReadyPage(catalog)).map((r) => r.id);
  const trash = (await catalog.listTrash({ owner: EVERY_OWNER, limit: 100 })).map((e) => e.id);
  return { listed, trash };
}
