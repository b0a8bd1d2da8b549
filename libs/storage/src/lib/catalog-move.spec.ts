import type { CatalogEntry } from '@ha-uploads/files';
import { movesBetween, targetOf } from './catalog-move';

const entry = (state: CatalogEntry['state']) => ({ id: '01JAAAAAAAAAAAAAAAAAAAAAAA', state }) as CatalogEntry;

describe('targetOf', () => {
  it.each([
    ['no move', { shards: 8, replicas: 2, legacy: false }, { shards: 8, replicas: 2 }],
    [
      'a move announced',
      { shards: 16, fromShards: 8, replicas: 3, fromReplicas: 2, writesOld: true, legacy: false },
      { shards: 8, replicas: 2 },
    ],
    [
      'a move under way',
      { shards: 16, fromShards: 8, replicas: 3, fromReplicas: 2, legacy: false },
      { shards: 16, replicas: 3 },
    ],
    [
      'groups announced on a table without them',
      { shards: 8, replicas: 2, fromReplicas: 0, writesOld: true, legacy: false },
      { shards: 8, replicas: 0 },
    ],
  ])('writes %s where every instance reads', (_name, layout, target) => {
    expect(targetOf(layout)).toEqual(target);
  });
});

describe('movesBetween', () => {
  it.each([
    ['READY', { shards: 8, replicas: 0 }, true],
    ['TRASHED', { shards: 8, replicas: 0 }, false],
    ['PENDING', { shards: 8, replicas: 0 }, false],
    ['READY', { shards: 8, replicas: 2 }, false],
  ] as const)('moves a %s entry from %j to 8 shards and 2 groups: %s', (state, from, moves) => {
    expect(movesBetween(entry(state), from, { shards: 8, replicas: 2 })).toBe(moves);
  });

  it('moves every entry out of the single partition', () => {
    expect(movesBetween(entry('PENDING'), 'legacy', { shards: 8, replicas: 2 })).toBe(true);
  });
});
