import { HelpRequested, UsageError } from '@ha-uploads/process';

/** What `nx run webapp:admin -- <command>` asks for. */
export type AdminCommand =
  | { readonly action: 'list' }
  | { readonly action: 'trash' }
  | { readonly action: 'delete' | 'restore' | 'purge' | 'purge-infected'; readonly id: string }
  | { readonly action: 'reconcile' }
  | { readonly action: 'rebuild-catalog'; readonly startAfter?: string }
  | {
      readonly action: 'migrate-catalog';
      readonly startAfter?: string;
      readonly shards?: number;
      readonly replicas?: number;
    };

export const ADMIN_USAGE = `usage: nx run webapp:admin -- <command>
  list            the listed files, newest first, with their owners
  trash           every deleted file that can still be restored
  delete <id>     take a file down (restorable for DELETE_RETENTION_HOURS)
  restore <id>    bring a deleted file back
  purge <id>      delete a file and its body for good
  purge-infected <id>
                  delete a file its malware scan quarantined, and its body, for good
  reconcile       compare the bucket with the catalog and print every difference (changes nothing)
  rebuild-catalog [--start-after <key>]
                  recreate missing entries from the objects' metadata; resume after a printed checkpoint
  migrate-catalog [--shards <n>] [--replicas <r>] [--start-after <id>]
                  move the catalog into the current layout, or to n shards and r listing groups
                  (docs/catalog-migration.md)`;

/** Parses the admin command line; throws a UsageError (with the usage) for anything else. */
export function parseAdminArgs(argv: readonly string[]): AdminCommand {
  const [action, id, ...rest] = argv;
  if (action === '--help') throw new HelpRequested('help requested');
  if ((action === 'list' || action === 'trash' || action === 'reconcile') && id === undefined) return { action };
  if (action === 'rebuild-catalog' && id === undefined) return { action };
  if (action === 'rebuild-catalog' && id === '--start-after' && rest.length === 1 && rest[0] !== '') {
    return { action, startAfter: rest[0] };
  }
  if (action === 'migrate-catalog') return parseMigrateFlags(argv.slice(1));
  if (
    (action === 'delete' || action === 'restore' || action === 'purge' || action === 'purge-infected') &&
    id !== undefined &&
    rest.length === 0
  )
    return { action, id };
  throw usageError(argv);
}

const usageError = (argv: readonly string[]) =>
  new UsageError(`unknown admin command ${JSON.stringify(argv.join(' '))}\n${ADMIN_USAGE}`);

/** The most shards and listing groups migrate-catalog accepts. */
const MOST = { shards: 64, replicas: 8 } as const;

// `--shards <n>` (a whole number 1..64), `--replicas <r>` (1..8) and `--start-after <id>`, each at most once, in any
// order.
function parseMigrateFlags(flags: readonly string[]): AdminCommand {
  const command: { action: 'migrate-catalog'; startAfter?: string; shards?: number; replicas?: number } = {
    action: 'migrate-catalog',
  };
  for (let i = 0; i < flags.length; i += 2) {
    const [flag, value] = [flags[i], flags[i + 1]];
    const count = flag === '--shards' ? 'shards' : flag === '--replicas' ? 'replicas' : undefined;
    if (flag === '--start-after' && command.startAfter === undefined && value) command.startAfter = value;
    else if (count && command[count] === undefined && /^[1-9]\d?$/.test(value ?? '') && Number(value) <= MOST[count])
      command[count] = Number(value);
    else throw usageError(['migrate-catalog', ...flags]);
  }
  return command;
}
