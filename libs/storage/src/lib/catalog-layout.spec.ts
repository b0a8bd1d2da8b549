import { type CatalogLayout, LayoutCache, isMoving, readReplicaCounts, readShardCount } from './catalog-layout';

const layout = (shards: number): CatalogLayout => ({ shards, replicas: 2, legacy: false });

/** A reader that answers each call with the next layout given, and counts the calls. */
function reader(...answers: (CatalogLayout | Error)[]) {
  const read = jest.fn(async () => {
    const next = answers.shift();
    if (!next || next instanceof Error) throw next ?? new Error('no more answers');
    return next;
  });
  return read;
}

describe('LayoutCache', () => {
  it('reads the table once within the refresh period', async () => {
    // GIVEN a cache of 10 s on a clock at 0
    let now = 0;
    const read = reader(layout(8), layout(16));
    const cache = new LayoutCache(read, 10_000, () => now);
    // WHEN it is asked at 0 and at 9.999 s
    const first = await cache.get();
    now = 9_999;
    const second = await cache.get();
    // THEN one read answered both
    expect({ first, second, reads: read.mock.calls.length }).toEqual({ first: layout(8), second: layout(8), reads: 1 });
  });

  it('reads the table again once the copy is as old as the refresh period', async () => {
    let now = 0;
    const cache = new LayoutCache(reader(layout(8), layout(16)), 10_000, () => now);
    await cache.get();
    now = 10_000;
    expect(await cache.get()).toEqual(layout(16));
  });

  it('asks again after a failed read instead of keeping the failure', async () => {
    const cache = new LayoutCache(reader(new Error('down'), layout(8)), 10_000, () => 0);
    await expect(cache.get()).rejects.toThrow('down');
    expect(await cache.get()).toEqual(layout(8));
  });
});

describe('readShardCount', () => {
  it('covers both layouts while shards are being moved', () => {
    expect([
      readShardCount({ shards: 16, fromShards: 8, replicas: 2, legacy: false }),
      readShardCount({ shards: 4, fromShards: 8, replicas: 2, legacy: false }),
    ]).toEqual([16, 8]);
  });
});

describe('readReplicaCounts', () => {
  it.each([
    ['no move', { shards: 8, replicas: 2, legacy: false }, [2]],
    ['a move from inline copies', { shards: 8, replicas: 2, fromReplicas: 0, legacy: false }, [2, 0]],
    ['a move from 2 to 3 groups', { shards: 8, replicas: 3, fromReplicas: 2, legacy: false }, [3, 2]],
  ])('reads the listing of both replica counts while they are being moved: %s', (_name, at, counts) => {
    expect(readReplicaCounts(at)).toEqual(counts);
  });
});

describe('isMoving', () => {
  it.each([
    [{ shards: 8, replicas: 2, legacy: false }, false],
    [{ shards: 8, replicas: 2, legacy: true }, true],
    [{ shards: 16, fromShards: 8, replicas: 2, legacy: false }, true],
    [{ shards: 8, replicas: 2, fromReplicas: 0, legacy: false }, true],
  ])('%j is moving: %s', (at, moving) => {
    expect(isMoving(at)).toBe(moving);
  });
});
