import { pendingEntry, sessionCreatedAt, storeReady } from './catalog-fixtures';
import type { CatalogContext } from './file-catalog.contract';

const CREATED = '2026-12-01T11:00:00.000Z';
const OWNER = { ownerId: 'owner-a' };
/** A claim taken at `now` for five minutes. */
const claimAt = (now: string) => ({ now, until: new Date(Date.parse(now) + 300_000).toISOString() });

/** Claims of a direct upload's session by one complete or abort call. */
export function describeCatalogSessions(ctx: () => CatalogContext): void {
  describe('session claims', () => {
    const catalog = () => ctx().shared;
    const pendingSession = async (createdAt = CREATED) => {
      const entry = pendingEntry({ ownerId: 'owner-a', session: sessionCreatedAt(createdAt) });
      await catalog().putPending(entry);
      return entry;
    };
    /** Claims a fresh pending session at noon, then answers a second claim taken at `secondAt`. */
    const claimAgainAt = async (secondAt: string) => {
      const entry = await pendingSession();
      await catalog().claimSessionCompletion(entry.id, claimAt('2026-12-01T12:00:00.000Z'), OWNER);
      return catalog().claimSessionCompletion(entry.id, claimAt(secondAt), OWNER);
    };

    it('answers the entry as claimed, with the claim’s end', async () => {
      const entry = await pendingSession();
      const claimed = await catalog().claimSessionCompletion(entry.id, claimAt('2026-12-01T12:00:00.000Z'), OWNER);
      expect(claimed?.session).toEqual({ ...entry.session, completingUntil: '2026-12-01T12:05:00.000Z' });
    });

    it('refuses a second claim while the first one runs', async () => {
      expect(await claimAgainAt('2026-12-01T12:04:59.000Z')).toBeUndefined();
    });

    it('grants a claim once the earlier one has run out', async () => {
      expect(await claimAgainAt('2026-12-01T12:05:01.000Z')).toBeDefined();
    });

    it('lets a late call release only its own claim', async () => {
      const entry = await pendingSession();
      await catalog().claimSessionCompletion(entry.id, claimAt('2026-12-01T12:00:00.000Z'), OWNER);
      const second = claimAt('2026-12-01T12:05:01.000Z');
      await catalog().claimSessionCompletion(entry.id, second, OWNER);
      await catalog().releaseSessionCompletion(entry.id, '2026-12-01T12:05:00.000Z');
      expect((await catalog().get(entry.id))?.session?.completingUntil).toBe(second.until);
    });

    it('frees the session for the next claim once its claim is released', async () => {
      const entry = await pendingSession();
      const first = claimAt('2026-12-01T12:00:00.000Z');
      await catalog().claimSessionCompletion(entry.id, first, OWNER);
      await catalog().releaseSessionCompletion(entry.id, first.until);
      expect(
        await catalog().claimSessionCompletion(entry.id, claimAt('2026-12-01T12:00:01.000Z'), OWNER),
      ).toBeDefined();
    });

    it('claims no session of another owner, and writes nothing', async () => {
      const entry = await pendingSession();
      expect(
        await catalog().claimSessionCompletion(entry.id, claimAt('2026-12-01T12:00:00.000Z'), { ownerId: 'owner-b' }),
      ).toBeUndefined();
      expect((await catalog().get(entry.id))?.session?.completingUntil).toBeUndefined();
    });

    it('claims no session created before the expiry cut-off', async () => {
      const entry = await pendingSession();
      const expected = { ownerId: 'owner-a', createdAfter: CREATED };
      expect(
        await catalog().claimSessionCompletion(entry.id, claimAt('2026-12-01T12:00:00.000Z'), expected),
      ).toBeUndefined();
    });

    it('claims an expired session for its owner when no cut-off is given (an abort)', async () => {
      const entry = await pendingSession('2020-01-01T00:00:00.000Z');
      expect(
        await catalog().claimSessionCompletion(entry.id, claimAt('2026-12-01T12:00:00.000Z'), OWNER),
      ).toBeDefined();
    });

    it('moves updatedAt when claiming, so a sweeper’s claim on what it saw before fails', async () => {
      const entry = await pendingSession();
      const seen = await catalog().get(entry.id);
      ctx().clock.advance(1000);
      await catalog().claimSessionCompletion(entry.id, claimAt('2026-12-01T12:00:00.000Z'), OWNER);
      expect(
        await catalog().markDeleting(entry.id, { state: 'PENDING', updatedAt: seen?.updatedAt ?? '' }),
      ).toBeUndefined();
    });

    it('claims no entry that is not a pending session', async () => {
      const id = await storeReady(catalog(), OWNER);
      expect(await catalog().claimSessionCompletion(id, claimAt('2026-12-01T12:00:00.000Z'), OWNER)).toBeUndefined();
    });
  });
}
