import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The flags of a CLI, in `util.parseArgs`'s shape. */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/** Exit code of a command line that cannot be parsed (as getopt-style tools use). */
export const USAGE_EXIT_CODE = 2;

/** A bad command line: runCli prints its one-line message and exits USAGE_EXIT_CODE. */
export class UsageError extends RangeError {
  override readonly name = 'UsageError';
}

/** Thrown by parseCli for `--help`: runCli prints the usage and exits 0. */
export class HelpRequested extends Error {
  override readonly name = 'HelpRequested';
}

/** The flags and positionals a CLI accepts, for parseCli. */
export interface CliSpec<T extends CliOptions> {
  readonly options: T;
  /** @default false */
  readonly allowPositionals?: boolean;
}

/** node's `util.parseArgs` in strict mode with `--help`; an unknown or malformed flag becomes a UsageError. */
export function parseCli<T extends CliOptions>(argv: readonly string[], spec: CliSpec<T>) {
  if (argv.includes('--help')) throw new HelpRequested('help requested');
  try {
    return parseArgs({
      args: [...argv],
      options: spec.options,
      strict: true,
      allowPositionals: spec.allowPositionals ?? false,
    });
  } catch (err) {
    // parseArgs throws a TypeError with code ERR_PARSE_ARGS_*: the user's mistake, not ours.
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) throw new UsageError((err as Error).message);
    throw err;
  }
}

/** The whole number `raw` between min and max, or a UsageError naming `flag` and the value received. */
export function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Options of runCli. */
export interface RunCliOptions {
  /** Printed on stdout for `--help`. */
  readonly usage: string;
  /** The one line printed for any other failure. @default - the error's message */
  readonly describeFailure?: (err: unknown) => string;
}

/**
 * Runs a CLI's main (which may resolve to its exit code): `--help` prints the usage and exits 0, a UsageError
 * exits 2 with its one line, any other failure exits 1 with one line.
 */
export function runCli(main: () => Promise<number | void>, options: RunCliOptions): void {
  main().then(
    (code) => {
      // A main that resolves to a code sets it, and lets the event loop drain (output flushed) instead of exiting.
      if (typeof code === 'number') process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof HelpRequested) {
        console.log(options.usage);
        process.exit(0);
      }
      if (err instanceof UsageError) {
        console.error(err.message);
        process.exit(USAGE_EXIT_CODE);
      }
      console.error(options.describeFailure?.(err) ?? (err instanceof Error ? err.message : String(err)));
      process.exit(1);
    },
  );
}
