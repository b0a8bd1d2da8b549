import type { ListedFile } from './file-record';

/** Who asks for a change: an owner id (anonymous secret digest or signed-in sub), and whether they are an admin. */
export interface Actor {
  /** Undefined: a client with no identity yet, who owns nothing. */
  readonly ownerId?: string;
  readonly isAdmin: boolean;
}

/** Whether `actor` owns `file`. A file stored before files had owners belongs to nobody. */
export function owns(actor: Actor, file: ListedFile): boolean {
  return actor.ownerId !== undefined && file.ownerId !== undefined && file.ownerId === actor.ownerId;
}

/** Only the owner or an admin may delete, restore or purge a file. */
export function mayManage(actor: Actor, file: ListedFile): boolean {
  return actor.isAdmin || owns(actor, file);
}
