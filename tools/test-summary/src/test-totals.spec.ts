import { formatTotals, stripAnsi, sumJestTotals } from './test-totals';

describe('sumJestTotals', () => {
  it('adds up every Jest summary line of every project', () => {
    // GIVEN
    const output = [
      '> nx run config:test',
      'Tests:       62 passed, 62 total',
      '> nx run infra:test',
      'Tests:       1 failed, 2 skipped, 31 passed, 34 total',
      '> nx run webapp-e2e:e2e',
      'Tests:       7 skipped, 7 total',
      'Tests:       1 todo, 1 total',
    ].join('\n');
    // WHEN
    const totals = sumJestTotals(output);
    // THEN
    expect(totals).toEqual({ passed: 93, failed: 1, skipped: 10 });
  });

  it('reads summary lines that carry colour codes', () => {
    expect(
      sumJestTotals('\u001b[1mTests:       \u001b[22m\u001b[1m\u001b[32m5 passed\u001b[39m\u001b[22m, 5 total\n'),
    ).toEqual({ passed: 5, failed: 0, skipped: 0 });
  });

  it('ignores lines that only mention tests', () => {
    expect(sumJestTotals('Test Suites: 3 passed, 3 total\nran tests: 4 passed\n')).toEqual({
      passed: 0,
      failed: 0,
      skipped: 0,
    });
  });
});

describe('formatTotals', () => {
  it('says passed, failed and skipped in one plain line', () => {
    expect(formatTotals({ passed: 93, failed: 1, skipped: 10 })).toBe('total: 93 passed, 1 failed, 10 skipped');
  });
});

describe('stripAnsi', () => {
  it('removes colour codes and keeps the text', () => {
    expect(stripAnsi('\u001b[31mred\u001b[0m plain')).toBe('red plain');
  });
});
