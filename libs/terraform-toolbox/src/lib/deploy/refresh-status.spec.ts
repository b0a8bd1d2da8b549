import { isActive, isSuccessful } from './refresh-status';

describe('instance refresh states', () => {
  it.each(['Pending', 'InProgress', 'Cancelling', 'RollbackInProgress', 'Baking'])('waits through %s', (status) => {
    expect(isActive(status)).toBe(true);
  });

  it.each(['Successful', 'Failed', 'Cancelled', 'RollbackSuccessful', 'RollbackFailed'])('stops at %s', (status) => {
    expect(isActive(status)).toBe(false);
  });

  it('counts only Successful as success', () => {
    expect(['Successful', 'Failed', 'Cancelled', 'RollbackSuccessful', 'RollbackFailed'].filter(isSuccessful)).toEqual([
      'Successful',
    ]);
  });

  it('treats a missing status as not running', () => {
    expect(isActive(undefined)).toBe(false);
  });
});
