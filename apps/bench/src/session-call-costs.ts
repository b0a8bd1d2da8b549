import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { SignedPart } from '@ha-uploads/direct-upload';
import { cpuSeconds } from './process-cpu';
import { randomPart, randomPartChunks } from './random-stream';
import { putPart, sessionApiClient } from './session-upload';
import { MiB, percentile } from './stats';

/** The session calls whose cost is measured, in the order a session makes them. */
export const SESSION_CALLS = ['create', 'sign', 'status', 'complete'] as const;

/** Median webapp CPU milliseconds of each call. */
export type SessionCallCosts = Readonly<Record<(typeof SESSION_CALLS)[number], number>>;

const PART_BYTES = MiB;

/**
 * The webapp's CPU for each call of a session on its own: one-part sessions, one call at a time, the webapp's CPU read
 * before and after each call (the part's PUT goes to S3 and is not counted). Shows where a session's CPU goes.
 */
export async function measureSessionCallCosts(
  baseUrl: string,
  pid: number,
  sessions: number,
): Promise<SessionCallCosts | undefined> {
  const api = sessionApiClient(baseUrl);
  const samples: Record<string, number[]> = {};
  const measured = async <T>(name: (typeof SESSION_CALLS)[number], call: () => Promise<T>): Promise<T> => {
    const before = await cpuSeconds(pid);
    const result = await call();
    const after = await cpuSeconds(pid);
    if (before !== undefined && after !== undefined) (samples[name] ??= []).push((after - before) * 1000);
    return result;
  };
  const checksum = createHash('sha256')
    .update(randomPart(5, 1, PART_BYTES))
    .digest('base64');
  for (let i = 0; i < sessions; i++) {
    const session = await measured('create', () =>
      api.call<{ id: string }>('POST', '/api/uploads', { name: `bench-call-costs-${i}.bin`, size: PART_BYTES }),
    );
    const [target] = (
      await measured('sign', () =>
        api.call<{ parts: SignedPart[] }>('POST', `/api/uploads/${session.id}/sign`, {
          parts: [{ partNumber: 1, checksum }],
        }),
      )
    ).parts;
    const part = {
      partNumber: 1,
      etag: await putPart(target, Readable.from(randomPartChunks(5, 1, PART_BYTES), { objectMode: false }), PART_BYTES),
      checksum,
    };
    // The status a reloaded page asks for: S3's ListParts of the stored part.
    await measured('status', () => api.call('GET', `/api/uploads/${session.id}`));
    await measured('complete', () => api.call('POST', `/api/uploads/${session.id}/complete`, { parts: [part] }));
    await api.call('DELETE', `/api/files/${session.id}`);
  }
  if (SESSION_CALLS.some((name) => !samples[name])) return undefined;
  return Object.fromEntries(SESSION_CALLS.map((name) => [name, percentile(samples[name], 50)])) as SessionCallCosts;
}
