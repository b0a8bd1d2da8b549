import { CONFIRM_BATCH_PARTS, CONFIRM_MAX_PARTS, CONFIRM_MAX_WAIT_MS, LEAVE_BUDGET_BYTES, PartConfirmer } from './part-confirmer';
import type { DonePart } from './session-api';

const part = (partNumber: number): DonePart => ({ partNumber, etag: `"e${partNumber}"`, checksum: `c${partNumber}` });
const numbers = (parts: readonly DonePart[]) => parts.map((p) => p.partNumber);

/** Confirm calls that wait until answered, recording the part numbers (and keepalive) of each. */
function heldCalls() {
  const calls: number[][] = [];
  const keepalive: boolean[] = [];
  const answers: (() => void)[] = [];
  return {
    calls,
    keepalive,
    answer: () => answers.shift()?.(),
    confirm: (parts: readonly DonePart[], options?: { keepalive?: boolean }) => {
      calls.push(numbers(parts));
      keepalive.push(options?.keepalive ?? false);
      return new Promise<void>((resolve) => answers.push(resolve));
    },
  };
}

describe('PartConfirmer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setup(confirm?: (parts: readonly DonePart[], options?: { keepalive?: boolean }) => Promise<void>) {
    const recorded: number[] = [];
    const confirmer = new PartConfirmer({ confirm, onRecorded: (parts) => recorded.push(...numbers(parts)) });
    return { confirmer, recorded };
  }

  it('confirms a round of stored parts in one call at once, and counts them once it answered', async () => {
    // GIVEN a session whose parts the client confirms
    const { calls, answer, confirm } = heldCalls();
    const { confirmer, recorded } = setup(confirm);
    // WHEN one round of parts is stored
    for (let n = 1; n <= CONFIRM_BATCH_PARTS; n++) confirmer.add(part(n));
    // THEN one call carries them all at once, and they count only once it answered
    expect(calls).toEqual([[1, 2, 3, 4]]);
    expect(recorded).toEqual([]);
    answer();
    await jest.advanceTimersByTimeAsync(0);
    expect(recorded).toEqual([1, 2, 3, 4]);
  });

  it('sends fewer parts than a round once the oldest has waited the longest wait', async () => {
    const { calls, confirm } = heldCalls();
    const { confirmer } = setup(confirm);
    confirmer.add(part(1));
    await jest.advanceTimersByTimeAsync(CONFIRM_MAX_WAIT_MS / 2);
    confirmer.add(part(2));
    await jest.advanceTimersByTimeAsync(CONFIRM_MAX_WAIT_MS / 2 - 1);
    expect(calls).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([[1, 2]]);
  });

  it('counts a part at once where S3 lists the parts itself, and calls nothing', () => {
    const { confirmer, recorded } = setup(undefined);
    confirmer.add(part(1));
    expect(recorded).toEqual([1]);
  });

  it('keeps one call in flight, and sends the round stored meanwhile as soon as it answers', async () => {
    const { calls, answer, confirm } = heldCalls();
    const { confirmer, recorded } = setup(confirm);
    for (let n = 1; n <= 4; n++) confirmer.add(part(n));
    for (let n = 5; n <= 8; n++) confirmer.add(part(n));
    await jest.advanceTimersByTimeAsync(CONFIRM_MAX_WAIT_MS * 2);
    expect(calls).toEqual([[1, 2, 3, 4]]);
    answer();
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]]);
    answer();
    await jest.advanceTimersByTimeAsync(0);
    expect(recorded).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('after a failed call, tries again with the parts stored meanwhile, after a wait that doubles', async () => {
    const calls: number[][] = [];
    let fail = true;
    const { confirmer, recorded } = setup(async (parts) => {
      calls.push(numbers(parts));
      if (fail) throw new Error('network');
    });
    // GIVEN a first call that fails
    confirmer.add(part(1));
    await jest.advanceTimersByTimeAsync(CONFIRM_MAX_WAIT_MS);
    expect(calls).toEqual([[1]]);
    // WHEN a part is stored meanwhile / THEN nothing goes before the backoff, then both go, and again after twice the wait
    confirmer.add(part(2));
    await jest.advanceTimersByTimeAsync(CONFIRM_MAX_WAIT_MS - 1);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([[1], [1, 2]]);
    fail = false;
    await jest.advanceTimersByTimeAsync(2 * CONFIRM_MAX_WAIT_MS - 1);
    expect(calls).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([[1], [1, 2], [1, 2]]);
    expect(recorded).toEqual([1, 2]);
  });

  it('sends nothing more once stopped', async () => {
    const calls: number[][] = [];
    const { confirmer } = setup(async (parts) => void calls.push(numbers(parts)));
    confirmer.add(part(1));
    confirmer.stop();
    await jest.advanceTimersByTimeAsync(CONFIRM_MAX_WAIT_MS * 10);
    expect(calls).toEqual([]);
  });

  it('on flushAll, waits for the call in flight, then confirms the rest, and resolves only once all are recorded', async () => {
    // GIVEN a call in flight with parts 1-4 and a full round, 5-8, waiting
    const { calls, answer, confirm } = heldCalls();
    const { confirmer, recorded } = setup(confirm);
    for (let n = 1; n <= 8; n++) confirmer.add(part(n));
    let flushed = false;
    const flushing = confirmer.flushAll().then(() => (flushed = true));
    // WHEN the first call answers / THEN the second goes, and the flush waits for it
    answer();
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]]);
    expect(flushed).toBe(false);
    answer();
    await flushing;
    expect(recorded).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('on flushAll, sends no call with more parts than the API takes', async () => {
    const calls: number[][] = [];
    let up = false;
    const { confirmer } = setup(async (parts) => {
      calls.push(numbers(parts));
      if (!up) throw new Error('down');
    });
    // GIVEN 250 parts waiting after their calls failed
    for (let n = 1; n <= 250; n++) confirmer.add(part(n));
    await jest.advanceTimersByTimeAsync(0);
    up = true;
    calls.length = 0;
    // WHEN flushed / THEN in calls of at most CONFIRM_MAX_PARTS, every part once
    await confirmer.flushAll();
    expect(calls.map((c) => c.length)).toEqual([CONFIRM_MAX_PARTS, CONFIRM_MAX_PARTS, 50]);
    expect(calls.flat()).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it('on flushAll, fails when the last call fails', async () => {
    const { confirmer } = setup(async () => {
      throw new Error('410');
    });
    confirmer.add(part(1));
    await expect(confirmer.flushAll()).rejects.toThrow('410');
  });

  it('on leaving the page, sends the waiting parts and those of the call in flight in a call that outlives it', async () => {
    // GIVEN a call in flight with parts 1-4 and part 5 waiting
    const { calls, keepalive, confirm } = heldCalls();
    const { confirmer } = setup(confirm);
    for (let n = 1; n <= 5; n++) confirmer.add(part(n));
    // WHEN the page goes away
    confirmer.flushOnLeave();
    // THEN one keepalive call carries all five, and no timer sends more
    expect(calls).toEqual([[1, 2, 3, 4], [1, 2, 3, 4, 5]]);
    expect(keepalive).toEqual([false, true]);
    await jest.advanceTimersByTimeAsync(CONFIRM_MAX_WAIT_MS * 2);
    expect(calls).toHaveLength(2);
  });

  it("on leaving the page during flushAll, includes the flush's call in flight", async () => {
    const { calls, keepalive, confirm } = heldCalls();
    const { confirmer } = setup(confirm);
    confirmer.add(part(1));
    void confirmer.flushAll();
    confirmer.flushOnLeave();
    expect(calls).toEqual([[1], [1]]);
    expect(keepalive).toEqual([false, true]);
  });

  it("on leaving the page, keeps the keepalive bodies within the browser's budget, oldest parts first", async () => {
    // GIVEN 700 parts with real-sized ETags and checksums waiting after a failed call
    const calls: { parts: number[]; bytes: number; keepalive: boolean }[] = [];
    const { confirmer } = setup(async (parts, options) => {
      calls.push({ parts: numbers(parts), bytes: JSON.stringify({ parts }).length, keepalive: options?.keepalive ?? false });
      if (!options?.keepalive) throw new Error('down');
    });
    const realPart = (n: number): DonePart => ({ partNumber: n, etag: `"${String(n).padStart(32, '0')}"`, checksum: `${String(n).padStart(43, 'A')}=` });
    for (let n = 1; n <= 700; n++) confirmer.add(realPart(n));
    await jest.advanceTimersByTimeAsync(0);
    // WHEN the page goes away / THEN calls of at most 100 parts, within the budget, from part 1 on
    confirmer.flushOnLeave();
    const leaving = calls.filter((c) => c.keepalive);
    expect(leaving.reduce((sum, c) => sum + c.bytes, 0)).toBeLessThanOrEqual(LEAVE_BUDGET_BYTES);
    expect(leaving.length).toBeGreaterThan(1);
    expect(leaving.flatMap((c) => c.parts)).toEqual(Array.from({ length: leaving.length * CONFIRM_MAX_PARTS }, (_, i) => i + 1));
  });
});
