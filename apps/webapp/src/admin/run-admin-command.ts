import { scanOf, type Actor, type FileService, type ListedFile } from '@ha-uploads/files';
import type { AdminCommand } from './admin-args';

/** Where the command's report and audit trail go. */
export interface AdminOutput {
  print(line: string): void;
  audit(details: { readonly action: string; readonly fileId: string; readonly admin: string }): void;
}

/** Runs one operator command through the same FileService the instances use, as an admin; audits every change. */
export async function runAdminCommand(
  files: FileService,
  command: Exclude<AdminCommand, { action: 'reconcile' | 'rebuild-catalog' | 'migrate-catalog' }>,
  operator: string,
  out: AdminOutput,
): Promise<void> {
  const admin: Actor = { isAdmin: true };
  if (command.action === 'list') {
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await files.list({ limit: '100', cursor }, admin);
      for (const f of page.files)
        out.print(`${f.id}  ${f.uploadedAt}  ${f.size} B  owner ${f.ownerId ?? '(none)'}  ${scanLabel(f)}  ${f.name}`);
      cursor = page.nextCursor ?? undefined;
    }
    return;
  }
  if (command.action === 'trash') {
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await files.listTrash(admin, { limit: '100', cursor });
      for (const f of page.files)
        out.print(
          `${f.id}  deleted ${f.deletedAt}  until ${f.restorableUntil}  owner ${f.ownerId ?? '(none)'}  ${f.name}`,
        );
      cursor = page.nextCursor ?? undefined;
    }
    return;
  }
  if (command.action === 'delete') await files.delete(command.id, admin);
  else if (command.action === 'restore') await files.restore(command.id, admin);
  else if (command.action === 'purge-infected') await files.purgeQuarantined(command.id, admin);
  else await files.purge(command.id, admin);
  out.audit({ action: command.action, fileId: command.id, admin: operator });
  out.print(`${command.action} ${command.id}: done`);
}

// The scan as the list prints it, with why when the scan held the file back.
function scanLabel(file: ListedFile): string {
  return file.scanDetail === undefined ? scanOf(file) : `${scanOf(file)} (${file.scanDetail})`;
}
