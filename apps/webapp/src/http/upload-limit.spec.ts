import Koa from 'koa';
import request from 'supertest';
import { UploadLimits, type FileRecord } from '@ha-uploads/files';
import { InMemoryUsageCounters } from '@ha-uploads/files/testing';
import { NO_IDENTITY, type Identity } from '../identity/identity';
import { NO_METRICS } from '../metrics/app-metrics';
import type { AppState } from './state';
import { limitedUpload } from './upload-limit';

const AT = Date.parse('2026-12-01T12:00:00Z');
const record = (size: number) => ({ size }) as FileRecord;

// A minimal app: an identity (as the identity middleware would set it), then one limited "upload" of `storedBytes`.
function appWith(limits: UploadLimits, identity: Identity | undefined, storedBytes: number) {
  const app = new Koa<AppState>();
  app.use(async (ctx, next) => {
    ctx.state.identity = identity ?? NO_IDENTITY;
    await next();
  });
  app.use(async (ctx) => {
    try {
      await limitedUpload(ctx, limits, NO_METRICS, async () => ({ records: [record(storedBytes)] }));
      ctx.status = 201;
    } catch (err) {
      ctx.status = (err as { kind?: string }).kind === 'limited' ? 429 : 500;
      ctx.body = { code: (err as { code?: string }).code };
    }
  });
  return app.callback();
}

// Upload limits over fresh in-memory counters at AT; the per-IP limit is off.
function limitsOf(settings: { uploadsPerMinutePerClient: number; uploadBytesPerDayPerClient: number }) {
  const counters = new InMemoryUsageCounters();
  const limits = new UploadLimits({ counters, settings: { ...settings, uploadsPerMinutePerIp: 0 }, now: () => AT });
  return { counters, limits };
}

// The answer to the second of two identical uploads of `body`.
async function secondOf(app: ReturnType<typeof appWith>, body: string) {
  await request(app).post('/').send(body);
  return request(app).post('/').send(body);
}

describe('limitedUpload', () => {
  const owner: Identity = { ownerId: 'owner-a', isAdmin: false, source: 'owner-secret' };

  it('counts an identity across requests and refuses it past its limit', async () => {
    // GIVEN
    const { limits } = limitsOf({ uploadsPerMinutePerClient: 1, uploadBytesPerDayPerClient: 0 });
    const app = appWith(limits, owner, 1);
    // WHEN the same upload comes twice
    const res = await secondOf(app, 'x');
    // THEN
    expect([res.status, res.body.code]).toEqual([429, 'RATE_LIMITED']);
  });

  it('treats a request without an identity as per-IP only', async () => {
    // GIVEN
    const { counters, limits } = limitsOf({ uploadsPerMinutePerClient: 1, uploadBytesPerDayPerClient: 0 });
    const app = appWith(limits, { isAdmin: false, source: 'none' }, 1);
    // WHEN
    const statuses = [(await request(app).post('/').send('x')).status, (await request(app).post('/').send('x')).status];
    // THEN
    expect(statuses).toEqual([201, 201]);
    expect(counters.calls).toEqual([]);
  });

  it('reserves the declared Content-Length against the daily quota', async () => {
    // GIVEN
    const { counters, limits } = limitsOf({ uploadsPerMinutePerClient: 0, uploadBytesPerDayPerClient: 10 });
    const app = appWith(limits, owner, 6);
    // WHEN the same upload comes twice
    const res = await secondOf(app, '123456');
    // THEN
    expect([res.status, res.body.code]).toEqual([429, 'QUOTA_EXCEEDED']);
    expect(counters.totals.get('bytes-client#owner-a#2026-12-01')).toBe(6);
  });
});
