import type { FileCatalog, ListedFile } from '@ha-uploads/files';
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
