/** What `nx run webapp:admin -- <command>` asks for. */
export type AdminCommand =
  | { readonly action: 'list' }
  | { readonly action: 'trash' }
  | { readonly action: 'delete' | 'restore' | 'purge'; readonly id: string };

export const ADMIN_USAGE = `usage: nx run webapp:admin -- <command>
  list            the listed files, newest first, with their owners
  trash           every deleted file that can still be restored
  delete <id>     take a file down (restorable for DELETE_RETENTION_HOURS)
  restore <id>    bring a deleted file back
  purge <id>      delete a file and its body for good`;

/** Parses the admin command line; throws a RangeError with the usage for anything else. */
export function parseAdminArgs(argv: readonly string[]): AdminCommand {
  const [action, id, ...rest] = argv;
  if ((action === 'list' || action === 'trash') && id === undefined) return { action };
  if ((action === 'delete' || action === 'restore' || action === 'purge') && id !== undefined && rest.length === 0) return { action, id };
  throw new RangeError(`unknown admin command ${JSON.stringify(argv.join(' '))}\n${ADMIN_USAGE}`);
}
