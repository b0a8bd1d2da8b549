/** Test counts summed over every Jest run of a command's output. */
export interface TestTotals {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

// eslint-disable-next-line no-control-regex -- colour codes are control characters
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** `text` without terminal colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Adds up Jest's summary lines (`Tests:  1 failed, 2 skipped, 31 passed, 34 total`); todo tests count as skipped. */
export function sumJestTotals(output: string): TestTotals {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const line of stripAnsi(output).split('\n')) {
    const summary = /^Tests:\s+(.*)$/.exec(line.trim());
    if (!summary) continue;
    for (const [, count, kind] of summary[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
      if (kind === 'passed') passed += Number(count);
      else if (kind === 'failed') failed += Number(count);
      else skipped += Number(count);
    }
  }
  return { passed, failed, skipped };
}

/** The closing line of `npm test`. */
export function formatTotals(totals: TestTotals): string {
  return `total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
}
