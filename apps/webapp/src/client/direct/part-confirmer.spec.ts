import { CONFIRM_DELAY_MS, PartConfirmer } from './part-confirmer';
import type { DonePart } from './session-api';

const part = (partNumber: number): DonePart => ({ partNumber, etag: `"e${partNumber}"`, checksum: `c${partNumber}` });

/** Confirm calls that wait until answered, one at a time, recording the part numbers each carried. */
function heldCalls() {
  const calls: number[][] = [];
  let answer: () => void = () => undefined;
  return {
    calls,
    answer: () => answer(),
    confirm: (parts: readonly DonePart[]) => {
      calls.push(parts.map((p) => p.partNumber));
      return new Promise<void>((resolve) => (answer = resolve));
    },
  };
}

describe('PartConfirmer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setup(confirm?: (parts: readonly DonePart[]) => Promise<void>) {
    const recorded: number[] = [];
    const confirmer = new PartConfirmer({ confirm, onRecorded: (parts) => recorded.push(...parts.map((p) => p.partNumber)) });
    return { confirmer, recorded };
  }

  it('confirms the parts stored close together in one call, and counts them once it answered', async () => {
    // GIVEN a session whose parts the client confirms
    const calls: number[][] = [];
    const { confirmer, recorded } = setup(async (parts) => void calls.push(parts.map((p) => p.partNumber)));
    // WHEN three parts are stored within the delay
    confirmer.add(part(1));
    confirmer.add(part(2));
    jest.advanceTimersByTime(CONFIRM_DELAY_MS - 1);
    confirmer.add(part(3));
    // THEN nothing counts before the call, then one call records all three
    expect(recorded).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toEqual([[1, 2, 3]]);
    expect(recorded).toEqual([1, 2, 3]);
  });

  it('counts a part at once where S3 lists the parts itself, and calls nothing', () => {
    const { confirmer, recorded } = setup(undefined);
    confirmer.add(part(1));
    expect(recorded).toEqual([1]);
  });

  it('keeps one call in flight and sends what was stored meanwhile in the next', async () => {
    const { calls, answer, confirm } = heldCalls();
    const { confirmer, recorded } = setup(confirm);
    confirmer.add(part(1));
    await jest.advanceTimersByTimeAsync(CONFIRM_DELAY_MS);
    confirmer.add(part(2));
    confirmer.add(part(3));
    await jest.advanceTimersByTimeAsync(CONFIRM_DELAY_MS * 4);
    expect(calls).toEqual([[1]]);
    answer();
    await jest.advanceTimersByTimeAsync(CONFIRM_DELAY_MS);
    answer();
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([[1], [2, 3]]);
    expect(recorded).toEqual([1, 2, 3]);
  });

  it('puts the parts of a failed call back, to go with the next stored part', async () => {
    const calls: number[][] = [];
    let fail = true;
    const { confirmer, recorded } = setup(async (parts) => {
      calls.push(parts.map((p) => p.partNumber));
      if (fail) throw new Error('network');
    });
    confirmer.add(part(1));
    await jest.advanceTimersByTimeAsync(CONFIRM_DELAY_MS * 10);
    fail = false;
    confirmer.add(part(2));
    await jest.advanceTimersByTimeAsync(CONFIRM_DELAY_MS);
    expect(calls).toEqual([[1], [1, 2]]);
    expect(recorded).toEqual([1, 2]);
  });

  it('on flushAll, waits for the call in flight, then confirms the rest in one call', async () => {
    const { calls, answer, confirm } = heldCalls();
    const { confirmer, recorded } = setup(confirm);
    confirmer.add(part(1));
    await jest.advanceTimersByTimeAsync(CONFIRM_DELAY_MS);
    confirmer.add(part(2));
    confirmer.add(part(3));
    const flushed = confirmer.flushAll();
    answer();
    await jest.advanceTimersByTimeAsync(0);
    answer();
    await flushed;
    expect(calls).toEqual([[1], [2, 3]]);
    expect(recorded).toEqual([1, 2, 3]);
  });

  it('on flushAll, fails when the last call fails', async () => {
    const { confirmer } = setup(async () => {
      throw new Error('410');
    });
    confirmer.add(part(1));
    await expect(confirmer.flushAll()).rejects.toThrow('410');
  });
});
