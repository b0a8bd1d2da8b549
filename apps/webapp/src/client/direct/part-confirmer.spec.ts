import { CONFIRM_BATCH_PARTS, CONFIRM_MAX_PARTS, CONFIRM_MAX_WAIT_MS, PartConfirmer } from './part-confirmer';
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

  it('puts the parts of a failed call back, to go with the next stored part, and does not retry in a loop', async () => {
    const calls: number[][] = [];
    let fail = true;
    const { confirmer, recorded } = setup(async (parts) => {
      calls.push(numbers(parts));
      if (fail) throw new Error('network');
    });
    confirmer.add(part(1));
    await jest.advanceTimersByTimeAsync(CONFIRM_MAX_WAIT_MS * 10);
    expect(calls).toEqual([[1]]);
    fail = false;
    confirmer.add(part(2));
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([[1], [1, 2]]);
    expect(recorded).toEqual([1, 2]);
  });

  it('on flushAll, waits for the call in flight, then confirms the rest', async () => {
    const { calls, answer, confirm } = heldCalls();
    const { confirmer, recorded } = setup(confirm);
    for (let n = 1; n <= 5; n++) confirmer.add(part(n));
    const flushed = confirmer.flushAll();
    answer();
    await jest.advanceTimersByTimeAsync(0);
    answer();
    await flushed;
    expect(calls).toEqual([[1, 2, 3, 4], [5]]);
    expect(recorded).toEqual([1, 2, 3, 4, 5]);
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
});
