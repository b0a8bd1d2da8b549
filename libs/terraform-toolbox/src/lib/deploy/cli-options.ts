import { parseArgs } from 'node:util';
import { DEFAULT_OUTPUTS_FILE } from './deploy-outputs';

/** Options of the refresh waiter's command line. */
export interface WaitCliOptions {
  readonly outputsFile: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

function positiveInteger(name: string, raw: string, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, got ${JSON.stringify(raw)}`);
  return value;
}

/** Parses `[--outputs-file F] [--interval-seconds N] [--timeout-minutes M]`; unknown flags are refused. */
export function parseWaitCli(argv: readonly string[]): WaitCliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'outputs-file': { type: 'string', default: DEFAULT_OUTPUTS_FILE },
      'interval-seconds': { type: 'string', default: '15' },
      'timeout-minutes': { type: 'string', default: '60' },
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    outputsFile: values['outputs-file'],
    intervalMs: positiveInteger('interval-seconds', values['interval-seconds'], 300) * 1000,
    timeoutMs: positiveInteger('timeout-minutes', values['timeout-minutes'], 24 * 60) * 60_000,
  };
}
