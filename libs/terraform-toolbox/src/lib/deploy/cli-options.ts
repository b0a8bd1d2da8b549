import { parseCli, wholeNumber } from '@ha-uploads/process';
import { DEFAULT_OUTPUTS_FILE } from './deploy-outputs';

/** Options of the refresh waiter's command line. */
export interface WaitCliOptions {
  readonly outputsFile: string;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

/** What `--help` prints. */
export const WAIT_USAGE = `usage: tsx apps/infra/src/cli/deploy-wait-main.ts [--outputs-file F] [--interval-seconds N] [--timeout-minutes M]
  starts the stack's instance refresh after cdktf deploy and waits for it`;

/** Parses `[--outputs-file F] [--interval-seconds N] [--timeout-minutes M]`; unknown flags are refused. */
export function parseWaitCli(argv: readonly string[]): WaitCliOptions {
  const { values } = parseCli(argv, {
    options: {
      'outputs-file': { type: 'string', default: DEFAULT_OUTPUTS_FILE },
      'interval-seconds': { type: 'string', default: '15' },
      'timeout-minutes': { type: 'string', default: '60' },
    },
  });
  return {
    outputsFile: values['outputs-file'],
    intervalMs: wholeNumber('--interval-seconds', values['interval-seconds'], 1, 300) * 1000,
    timeoutMs: wholeNumber('--timeout-minutes', values['timeout-minutes'], 1, 24 * 60) * 60_000,
  };
}
