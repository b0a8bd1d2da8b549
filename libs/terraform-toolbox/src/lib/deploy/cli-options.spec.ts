import { parseWaitCli } from './cli-options';
import { DEFAULT_OUTPUTS_FILE } from './deploy-outputs';

describe('parseWaitCli', () => {
  it('polls every 15 s for up to an hour, reading the default outputs file', () => {
    expect(parseWaitCli([])).toEqual({ outputsFile: DEFAULT_OUTPUTS_FILE, intervalMs: 15_000, timeoutMs: 3_600_000 });
  });

  it('takes the interval, timeout and outputs file from flags', () => {
    expect(parseWaitCli(['--interval-seconds', '5', '--timeout-minutes=90', '--outputs-file', 'out.json'])).toEqual({
      outputsFile: 'out.json',
      intervalMs: 5_000,
      timeoutMs: 5_400_000,
    });
  });

  it.each(['0', 'soon', '1.5'])('refuses an interval of %s, showing it', (value) => {
    expect(() => parseWaitCli(['--interval-seconds', value])).toThrow(
      `--interval-seconds must be a whole number from 1 to 300, got "${value}"`,
    );
  });

  it('refuses an unknown flag', () => {
    expect(() => parseWaitCli(['--auto-approve'])).toThrow(/auto-approve/);
  });
});
