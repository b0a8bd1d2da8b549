import { TARGET_HEALTH_CHECK, unhealthyDetectionSeconds } from './target-health';

describe('TARGET_HEALTH_CHECK', () => {
  it('keeps the timeout below the interval, as the ALB requires', () => {
    expect(TARGET_HEALTH_CHECK.timeoutSeconds).toBeLessThan(TARGET_HEALTH_CHECK.intervalSeconds);
  });

  it('detects a dead target within about ten seconds', () => {
    // GIVEN checks every 5 s that time out after 3 s, 2 failures to flip
    // WHEN a target stops answering
    // THEN it leaves rotation after at most 2 intervals plus the last timeout
    expect(unhealthyDetectionSeconds()).toBe(13);
  });
});
