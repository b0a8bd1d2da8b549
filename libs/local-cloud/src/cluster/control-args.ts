import { parseCli, UsageError, wholeNumber } from '@ha-uploads/process';

/** Command-line options of `nx run webapp:roll` and `nx run webapp:scale`. */
export type ControlArgs =
  | {
      readonly operation: 'roll';
      readonly dataDir?: string;
      readonly minHealthyPercentage: number;
      readonly maxHealthyPercentage?: number;
    }
  | { readonly operation: 'scale'; readonly dataDir?: string; readonly instances: number };

/** What `--help` prints. */
export const CONTROL_USAGE = `usage: nx run webapp:roll -- [--min-healthy-percentage=P] [--max-healthy-percentage=P] [--data-dir=D]
       nx run webapp:scale -- --instances=N [--data-dir=D]`;

/**
 * Parses `roll [--min-healthy-percentage=P] [--max-healthy-percentage=P]` or `scale --instances=N`, plus `--data-dir`.
 */
export function parseControlArgs(argv: readonly string[]): ControlArgs {
  const { values, positionals } = parseCli(argv, {
    options: {
      'data-dir': { type: 'string' },
      'min-healthy-percentage': { type: 'string', default: '100' },
      'max-healthy-percentage': { type: 'string' },
      instances: { type: 'string' },
    },
    allowPositionals: true,
  });
  const [operation] = positionals;
  const dataDir = values['data-dir'];
  if (operation === 'roll') {
    return {
      operation,
      dataDir,
      minHealthyPercentage: wholeNumber('--min-healthy-percentage', values['min-healthy-percentage'], 0, 100),
      maxHealthyPercentage:
        values['max-healthy-percentage'] === undefined
          ? undefined
          : wholeNumber('--max-healthy-percentage', values['max-healthy-percentage'], 100, 200),
    };
  }
  if (operation === 'scale') {
    if (values.instances === undefined) throw new UsageError('--instances is required, e.g. --instances=2');
    return { operation, dataDir, instances: wholeNumber('--instances', values.instances, 1, 16) };
  }
  throw new UsageError(`the operation must be roll or scale, got ${JSON.stringify(operation ?? '')}`);
}
