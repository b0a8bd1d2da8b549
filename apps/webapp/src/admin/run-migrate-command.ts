import type { MigratedEntry } from '@ha-uploads/storage';
import type { AdminOutput } from './run-admin-command';

/** How many entries pass between two checkpoint lines. */
const CHECKPOINT_EVERY = 500;

/**
 * Runs `migrate-catalog`: prints a checkpoint to resume from every few hundred entries, and a summary. Resolves to
 * how many entries it moved (0 on a second run).
 */
export async function runMigrateCommand(
  migration: AsyncIterable<MigratedEntry>,
  operator: string,
  out: AdminOutput,
): Promise<number> {
  const counts = { moved: 0, kept: 0 };
  for await (const entry of migration) {
    counts[entry.outcome] += 1;
    if (entry.outcome === 'moved') out.audit({ action: 'migrate', fileId: entry.id, admin: operator });
    const seen = counts.moved + counts.kept;
    if (seen % CHECKPOINT_EVERY === 0) out.print(`progress: ${seen} entries; resume with --start-after ${entry.id}`);
  }
  out.print(`migrate-catalog: moved ${counts.moved} entries, ${counts.kept} were in place already`);
  return counts.moved;
}
