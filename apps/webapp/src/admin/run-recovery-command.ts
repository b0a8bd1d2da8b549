import { rebuildCatalog, reconcile, type BlobStore, type FileCatalog, type RebuildEvent } from '@ha-uploads/files';
import type { AdminCommand } from './admin-args';
import type { AdminOutput } from './run-admin-command';

/** The two stores a recovery command compares. */
export interface RecoveryStores {
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
}

/**
 * Runs `reconcile` (a report; changes nothing) or `rebuild-catalog` (adds missing entries from the bucket, audited
 * one by one, with checkpoint lines to resume from). Resolves to how many differences or foreign objects it found.
 */
export async function runRecoveryCommand(
  stores: RecoveryStores,
  command: Extract<AdminCommand, { action: 'reconcile' | 'rebuild-catalog' }>,
  operator: string,
  out: AdminOutput,
): Promise<number> {
  if (command.action === 'reconcile') {
    let found = 0;
    for await (const difference of reconcile(stores)) {
      found += 1;
      out.print(`${difference.kind.padEnd(14)} ${difference.key}  ${difference.detail}`);
    }
    out.print(`reconcile: ${found} difference(s)`);
    return found;
  }
  const summary = await rebuildCatalog({
    ...stores,
    startAfter: command.startAfter,
    onEvent: (event) => report(event, operator, out),
  });
  out.print(
    `rebuild-catalog: scanned ${summary.scanned} object(s), adopted ${summary.adopted}, finished ${summary.finished}, ` +
      `moved ${summary.trashed} to the trash, ` +
      `left ${summary.foreign} foreign${summary.lastKey ? `; last key ${summary.lastKey}` : ''}`,
  );
  return summary.foreign;
}

/** The audit action of each change a rebuild makes. */
const AUDITED_AS = { adopted: 'adopt', finished: 'finish-upload', trashed: 'replay-delete' } as const;

function report(event: RebuildEvent, operator: string, out: AdminOutput): void {
  if (event.kind === 'progress')
    return out.print(`progress: ${event.scanned} object(s); resume with --start-after ${event.checkpoint}`);
  if (event.kind === 'foreign') return out.print(`foreign ${event.key}: ${event.reason} (left alone)`);
  out.audit({ action: AUDITED_AS[event.kind], fileId: event.id, admin: operator });
  if (event.kind === 'adopted')
    out.print(`adopted ${event.id} ${event.state} owner ${event.ownerId ?? '(none)'}  ${event.name}`);
  else if (event.kind === 'finished') out.print(`finished ${event.id} READY  ${event.name}`);
  else out.print(`trashed ${event.id} deleted ${event.deletedAt}`);
}
