import { InMemoryUsageCounters } from '../../testing/in-memory-usage-counters';
import { LimitExceededError } from './limit-errors';
import { UploadLimits, type UploadLimitsSettings } from './upload-limits';

const NOON = Date.parse('2026-12-01T12:00:15Z');
const OFF: UploadLimitsSettings = {
  uploadsPerMinutePerClient: 0,
  uploadsPerMinutePerIp: 0,
  uploadBytesPerDayPerClient: 0,
};

function limitsWith(
  settings: Partial<UploadLimitsSettings>,
  clock = { nowMs: NOON },
  unknownLengthReservationBytes?: number,
) {
  const counters = new InMemoryUsageCounters();
  const limits = new UploadLimits({
    counters,
    settings: { ...OFF, ...settings },
    now: () => clock.nowMs,
    unknownLengthReservationBytes,
  });
  return { counters, limits, clock };
}

async function refusalOf(promise: Promise<unknown>): Promise<LimitExceededError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LimitExceededError);
  return err as LimitExceededError;
}

describe('UploadLimits', () => {
  it('admits uploads up to the per-IP limit and refuses the next with RATE_LIMITED until the minute is over', async () => {
    // GIVEN
    const { limits } = limitsWith({ uploadsPerMinutePerIp: 2 });
    await limits.admit({ clientIp: '203.0.113.7' });
    await limits.admit({ clientIp: '203.0.113.7' });
    // WHEN
    const err = await refusalOf(limits.admit({ clientIp: '203.0.113.7' }));
    // THEN
    expect([err.code, err.kind, err.retryAfterSeconds]).toEqual(['RATE_LIMITED', 'limited', 45]);
  });

  it('counts each IP on its own', async () => {
    // GIVEN
    const { limits } = limitsWith({ uploadsPerMinutePerIp: 1 });
    await limits.admit({ clientIp: '203.0.113.7' });
    // WHEN / THEN
    await expect(limits.admit({ clientIp: '198.51.100.1' })).resolves.toBeDefined();
  });

  it('starts from zero in the next minute', async () => {
    // GIVEN
    const { limits, clock } = limitsWith({ uploadsPerMinutePerIp: 1 });
    await limits.admit({ clientIp: '203.0.113.7' });
    // WHEN
    clock.nowMs += 60_000;
    // THEN
    await expect(limits.admit({ clientIp: '203.0.113.7' })).resolves.toBeDefined();
  });

  it('limits an identity across IPs', async () => {
    // GIVEN
    const { limits } = limitsWith({ uploadsPerMinutePerClient: 1 });
    await limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a' });
    // WHEN
    const err = await refusalOf(limits.admit({ clientIp: '198.51.100.1', ownerId: 'owner-a' }));
    // THEN
    expect(err.code).toBe('RATE_LIMITED');
  });

  it('refuses downloads past the per-IP limit with RATE_LIMITED until the minute is over', async () => {
    // GIVEN
    const { limits } = limitsWith({ downloadsPerMinutePerIp: 2 });
    await limits.admitDownload('203.0.113.7');
    await limits.admitDownload('203.0.113.7');
    // WHEN
    const err = await refusalOf(limits.admitDownload('203.0.113.7'));
    // THEN
    expect([err.code, err.retryAfterSeconds]).toEqual(['RATE_LIMITED', 45]);
  });

  it('charges the byte quota of a client without an identity to its IP', async () => {
    // GIVEN
    const { limits, counters } = limitsWith({ uploadsPerMinutePerClient: 1, uploadBytesPerDayPerClient: 1000 });
    // WHEN
    await limits.admit({ clientIp: '203.0.113.7', declaredBytes: 100 });
    // THEN
    expect(counters.calls).toEqual([
      [
        {
          key: 'bytes-ip#203.0.113.7#2026-12-01',
          amount: 100,
          expiresAtSeconds: Date.parse('2026-12-02T00:00:00Z') / 1000,
        },
      ],
    ]);
  });

  it("refuses a client without an identity past its IP's byte quota with QUOTA_EXCEEDED", async () => {
    // GIVEN 900 bytes stored by cookie-less requests from one IP
    const { limits } = limitsWith({ uploadBytesPerDayPerClient: 1000 });
    await limits.admit({ clientIp: '203.0.113.7', declaredBytes: 900 });
    // WHEN
    const err = await refusalOf(limits.admit({ clientIp: '203.0.113.7', declaredBytes: 200 }));
    // THEN
    expect(err.code).toBe('QUOTA_EXCEEDED');
  });

  it("holds a second upload of unknown length while the first one's reservation is open", async () => {
    // GIVEN one chunked upload in progress, reserving the most a request can store
    const { limits } = limitsWith({ uploadBytesPerDayPerClient: 1000 }, undefined, 5000);
    await limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a' });
    // WHEN
    const err = await refusalOf(limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a' }));
    // THEN
    expect(err.code).toBe('QUOTA_EXCEEDED');
  });

  it("replaces an unknown length's reservation with the bytes it stored", async () => {
    // GIVEN
    const { limits, counters } = limitsWith({ uploadBytesPerDayPerClient: 1000 }, undefined, 5000);
    const admission = await limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a' });
    // WHEN
    await admission.settle(300);
    // THEN
    expect(counters.totals.get('bytes-client#owner-a#2026-12-01')).toBe(300);
  });

  it('lets concurrent uploads of unknown length pass the quota by less than one reservation', async () => {
    // GIVEN ten chunked uploads racing, each storing the most a request may
    const { limits, counters } = limitsWith({ uploadBytesPerDayPerClient: 1000 }, undefined, 400);
    const attempts = Array.from({ length: 10 }, () => limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a' }));
    // WHEN each admitted one stores 400 bytes
    for (const attempt of attempts) {
      const admission = await attempt.catch(() => undefined);
      await admission?.settle(400);
    }
    const admittedLater = await limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a' }).then(
      (a) => a.settle(400),
      () => undefined,
    );
    // THEN
    expect(admittedLater).toBeUndefined();
    expect(counters.totals.get('bytes-client#owner-a#2026-12-01')).toBeLessThan(1000 + 400);
  });

  it('raises every counter of a request in one round', async () => {
    // GIVEN
    const { limits, counters } = limitsWith({
      uploadsPerMinutePerClient: 5,
      uploadsPerMinutePerIp: 5,
      uploadBytesPerDayPerClient: 1000,
    });
    // WHEN
    await limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a', declaredBytes: 100 });
    // THEN
    expect(counters.calls).toHaveLength(1);
    expect(counters.calls[0].map((c) => c.key)).toEqual([
      'uploads-client#owner-a#2026-12-01T12:00',
      'uploads-ip#203.0.113.7#2026-12-01T12:00',
      'bytes-client#owner-a#2026-12-01',
    ]);
  });

  it('asks nothing of the counters when every limit is off', async () => {
    // GIVEN
    const { limits, counters } = limitsWith({});
    // WHEN
    const admission = await limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a', declaredBytes: 100 });
    await admission.settle(100);
    // THEN
    expect(counters.calls).toEqual([]);
  });

  it('refuses a request whose declared length would pass the daily quota with QUOTA_EXCEEDED until midnight UTC, and gives the reservation back', async () => {
    // GIVEN
    const { limits, counters } = limitsWith({ uploadBytesPerDayPerClient: 1000 });
    await limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a', declaredBytes: 600 });
    // WHEN
    const err = await refusalOf(limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a', declaredBytes: 600 }));
    // THEN
    expect([err.code, err.retryAfterSeconds]).toEqual(['QUOTA_EXCEEDED', 12 * 3600 - 15]);
    expect(counters.totals.get('bytes-client#owner-a#2026-12-01')).toBe(600);
  });

  it('gives back the reserved bytes of a request that stored nothing', async () => {
    // GIVEN
    const { limits, counters } = limitsWith({ uploadBytesPerDayPerClient: 1000 });
    const admission = await limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a', declaredBytes: 600 });
    // WHEN
    await admission.settle(0);
    // THEN
    expect(counters.totals.get('bytes-client#owner-a#2026-12-01')).toBe(0);
  });

  it('keeps the declared length of a stored upload with no further round trip', async () => {
    // GIVEN
    const { limits, counters } = limitsWith({ uploadBytesPerDayPerClient: 1000 });
    const admission = await limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a', declaredBytes: 600 });
    // WHEN
    await admission.settle(580);
    // THEN
    expect(counters.calls).toHaveLength(1);
    expect(counters.totals.get('bytes-client#owner-a#2026-12-01')).toBe(600);
  });

  it('charges an upload of unknown length with the bytes it stored, and refuses the next once the quota is used', async () => {
    // GIVEN
    const { limits } = limitsWith({ uploadBytesPerDayPerClient: 1000 });
    const admission = await limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a' });
    // WHEN
    await admission.settle(1000);
    // THEN
    const err = await refusalOf(limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a' }));
    expect(err.code).toBe('QUOTA_EXCEEDED');
  });

  it('gives back the reserved bytes of a request refused by a rate limit', async () => {
    // GIVEN
    const { limits, counters } = limitsWith({ uploadsPerMinutePerIp: 1, uploadBytesPerDayPerClient: 1000 });
    await limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a', declaredBytes: 100 });
    // WHEN
    const err = await refusalOf(limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a', declaredBytes: 100 }));
    // THEN
    expect(err.code).toBe('RATE_LIMITED');
    expect(counters.totals.get('bytes-client#owner-a#2026-12-01')).toBe(100);
  });

  it('asks to retry when every exceeded window is over', async () => {
    // GIVEN
    const { limits } = limitsWith({ uploadsPerMinutePerIp: 1, uploadBytesPerDayPerClient: 100 });
    await limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a', declaredBytes: 100 });
    // WHEN
    const err = await refusalOf(limits.admit({ clientIp: '203.0.113.7', ownerId: 'owner-a', declaredBytes: 1 }));
    // THEN
    expect([err.code, err.retryAfterSeconds]).toEqual(['QUOTA_EXCEEDED', 12 * 3600 - 15]);
  });

  it('fails like the backend when the counters are unreachable', async () => {
    // GIVEN
    const { limits, counters } = limitsWith({ uploadsPerMinutePerIp: 1 });
    counters.down = true;
    // WHEN / THEN
    await expect(limits.admit({ clientIp: '203.0.113.7' })).rejects.toMatchObject({ code: 'CATALOG_UNAVAILABLE' });
  });
});
