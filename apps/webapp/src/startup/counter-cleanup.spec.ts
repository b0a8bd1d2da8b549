import { pino } from 'pino';
import { scheduleCounterCleanup } from './counter-cleanup';

describe('scheduleCounterCleanup', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('removes the windows that are over once per interval, as of the injected clock', async () => {
    // GIVEN
    const removeExpired = jest.fn(async () => 2);
    const at = new Date('2026-12-01T12:00:00Z');
    const stop = scheduleCounterCleanup({ removeExpired }, { intervalSeconds: 300, logger: pino({ level: 'silent' }), now: () => at });
    // WHEN
    await jest.advanceTimersByTimeAsync(600_000);
    stop();
    // THEN
    expect(removeExpired.mock.calls).toEqual([[at], [at]]);
  });

  it('never runs with an interval of 0', async () => {
    // GIVEN
    const removeExpired = jest.fn(async () => 0);
    scheduleCounterCleanup({ removeExpired }, { intervalSeconds: 0, logger: pino({ level: 'silent' }) });
    // WHEN
    await jest.advanceTimersByTimeAsync(86_400_000);
    // THEN
    expect(removeExpired).not.toHaveBeenCalled();
  });

  it('keeps running after a failed round', async () => {
    // GIVEN
    const removeExpired = jest.fn().mockRejectedValueOnce(new Error('dynalite restarting')).mockResolvedValue(0);
    const stop = scheduleCounterCleanup({ removeExpired }, { intervalSeconds: 60, logger: pino({ level: 'silent' }) });
    // WHEN
    await jest.advanceTimersByTimeAsync(120_000);
    stop();
    // THEN
    expect(removeExpired).toHaveBeenCalledTimes(2);
  });
});
