import type { Context } from 'koa';
import type { AppState } from './state';

/** Logs an admin's change with who and what (an owner's own changes are not audited). */
export function auditAdminAction(
  ctx: Context & { state: AppState },
  action: 'delete' | 'restore' | 'purge',
  fileId: string,
): void {
  const who = ctx.state.identity;
  if (!who.isAdmin) return;
  ctx.state.log.warn(
    { audit: 'admin', action, fileId, admin: who.userName ?? who.ownerId, adminSource: who.source },
    `admin ${action} of file ${fileId}`,
  );
}
