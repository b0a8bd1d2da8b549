import { fileIdTime } from '../file-id';
import type { FileCatalog } from '../ports';
import type { ScanRules } from './scan-rules';

/** Settings of recheckPendingScans. */
export interface ScanRecheckOptions {
  readonly catalog: FileCatalog;
  /** The rules whose tag reader and grace decide (ScanRules.refreshed). */
  readonly rules: ScanRules;
  /** Only files uploaded since then are looked at, so a run costs what the recent uploads do, not the catalog. */
  readonly since: Date;
  /** @default 100 */
  readonly pageSize?: number;
}

/**
 * The sweep's half of the tag re-check: every listed file uploaded since `since` that is still pending past the
 * grace has its object's tag read and recorded like an event, so a lost event's file gets its verdict even if its
 * owner never asks. Resolves with how many verdicts it recorded.
 */
export async function recheckPendingScans(options: ScanRecheckOptions): Promise<number> {
  let recorded = 0;
  let before: string | undefined;
  for (;;) {
    const page = await options.catalog.listReady({ limit: options.pageSize ?? 100, before });
    for (const file of page.records) {
      // The listing is newest first: past `since`, every file left is older.
      if (fileIdTime(file.id) < options.since) return recorded;
      if (file.scan !== 'pending') continue;
      const entry = await options.catalog.get(file.id);
      if (entry && (await options.rules.refreshed(entry)).scan !== 'pending') recorded += 1;
    }
    before = page.records.at(-1)?.id;
    if (!page.hasMore || before === undefined) return recorded;
  }
}
