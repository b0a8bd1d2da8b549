import { Readable } from 'node:stream';
import { scheduleSweeps, type SweepLogger } from './sweep-schedule';
import { InMemoryBlobStore } from '../../testing/in-memory-blob-store';
import { InMemoryFileCatalog } from '../../testing/in-memory-file-catalog';
import { pendingEntryAt } from '../../testing/pending-entry';

const SILENT: SweepLogger = { info: () => undefined, warn: () => undefined };
const T0 = new Date('2025-01-01T00:00:00Z');
const ID = '01HZY3QK8X9V5N2M4P6R7S8T9W';

describe('scheduleSweeps', () => {
  beforeEach(() => jest.useFakeTimers({ now: T0.getTime() + 2 * 3_600_000 }));
  afterEach(() => jest.useRealTimers());

  async function stalePending() {
    const catalog = new InMemoryFileCatalog(() => T0);
    const blobs = new InMemoryBlobStore(() => T0);
    await catalog.putPending(pendingEntryAt(ID, T0));
    await blobs.put(`files/${ID}`, Readable.from([Buffer.from('x')]), { contentType: 'text/plain', maxBytes: 10 });
    return { catalog, blobs, logger: SILENT, graceSeconds: 3600, orphanWindowSeconds: 86_400 };
  }

  it('sweeps once per interval', async () => {
    // GIVEN a stale PENDING entry and a sweep every 300 s
    const deps = await stalePending();
    const stop = scheduleSweeps({ ...deps, intervalSeconds: 300 });
    // WHEN the first interval passes
    expect(deps.catalog.entries.size).toBe(1);
    await jest.advanceTimersByTimeAsync(300_000);
    stop();
    // THEN the leftover is gone
    expect([deps.catalog.entries.size, deps.blobs.objects.size]).toEqual([0, 0]);
  });

  it('never sweeps when the interval is 0', async () => {
    const deps = await stalePending();
    const stop = scheduleSweeps({ ...deps, intervalSeconds: 0 });
    await jest.advanceTimersByTimeAsync(24 * 3_600_000);
    stop();
    expect(deps.catalog.entries.size).toBe(1);
  });

  it('keeps going after a failed sweep', async () => {
    const deps = await stalePending();
    deps.catalog.down = true;
    const stop = scheduleSweeps({ ...deps, intervalSeconds: 60 });
    await jest.advanceTimersByTimeAsync(60_000);
    deps.catalog.down = false;
    await jest.advanceTimersByTimeAsync(60_000);
    stop();
    expect(deps.catalog.entries.size).toBe(0);
  });
});
