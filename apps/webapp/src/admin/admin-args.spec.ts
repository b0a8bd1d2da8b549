import { HelpRequested } from '@ha-uploads/process';
import { parseAdminArgs } from './admin-args';

describe('parseAdminArgs', () => {
  it('reads a command with a file id', () => {
    expect(parseAdminArgs(['delete', '01HZY3QK8X9V5N2M4P6R7S8T9W'])).toEqual({
      action: 'delete',
      id: '01HZY3QK8X9V5N2M4P6R7S8T9W',
    });
  });

  it('reads the listing commands', () => {
    expect([parseAdminArgs(['list']), parseAdminArgs(['trash'])]).toEqual([{ action: 'list' }, { action: 'trash' }]);
  });

  it('reads the recovery commands, with a checkpoint to resume after', () => {
    expect([
      parseAdminArgs(['reconcile']),
      parseAdminArgs(['rebuild-catalog']),
      parseAdminArgs(['rebuild-catalog', '--start-after', 'files/01J']),
    ]).toEqual([
      { action: 'reconcile' },
      { action: 'rebuild-catalog' },
      { action: 'rebuild-catalog', startAfter: 'files/01J' },
    ]);
  });

  it('reads the catalog migration, with an id to resume after', () => {
    expect([parseAdminArgs(['migrate-catalog']), parseAdminArgs(['migrate-catalog', '--start-after', '01J'])]).toEqual([
      { action: 'migrate-catalog' },
      { action: 'migrate-catalog', startAfter: '01J' },
    ]);
  });

  it('reads a migration to another shard count, with or without a checkpoint', () => {
    expect([
      parseAdminArgs(['migrate-catalog', '--shards', '16']),
      parseAdminArgs(['migrate-catalog', '--start-after', '01J', '--shards', '4']),
    ]).toEqual([
      { action: 'migrate-catalog', shards: 16 },
      { action: 'migrate-catalog', startAfter: '01J', shards: 4 },
    ]);
  });

  it.each([['0'], ['65'], ['08'], ['x'], ['']])('refuses a shard count of %j with the usage', (n) => {
    expect(() => parseAdminArgs(['migrate-catalog', '--shards', n])).toThrow(/usage:/);
  });

  it('reads a migration to another count of listing groups, alone or with a shard count', () => {
    expect([
      parseAdminArgs(['migrate-catalog', '--replicas', '3']),
      parseAdminArgs(['migrate-catalog', '--replicas', '1', '--shards', '16']),
    ]).toEqual([
      { action: 'migrate-catalog', replicas: 3 },
      { action: 'migrate-catalog', replicas: 1, shards: 16 },
    ]);
  });

  it.each([[['--replicas', '0']], [['--replicas', '9']], [['--replicas', '2', '--replicas', '2']], [['--replicas']]])(
    'refuses listing groups given as %j with the usage',
    (flags) => {
      expect(() => parseAdminArgs(['migrate-catalog', ...flags])).toThrow(/usage:/);
    },
  );

  it('refuses a rebuild with a flag but no key', () => {
    expect(() => parseAdminArgs(['rebuild-catalog', '--start-after'])).toThrow(/usage:/);
  });

  it('refuses an unknown command with the usage', () => {
    expect(() => parseAdminArgs(['drop', 'x'])).toThrow(/unknown admin command "drop x"\nusage:/);
  });

  it('refuses a delete without an id', () => {
    expect(() => parseAdminArgs(['delete'])).toThrow(RangeError);
  });

  it('answers --help with HelpRequested, so the CLI prints the usage and exits 0', () => {
    expect(() => parseAdminArgs(['--help'])).toThrow(HelpRequested);
  });
});
