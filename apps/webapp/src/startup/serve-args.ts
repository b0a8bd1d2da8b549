import { parseCli, wholeNumber } from '@ha-uploads/process';

/** What `--help` prints. */
export const SERVE_USAGE = `usage: nx run webapp:serve [--port=N]
  the upload service; configured by the environment (docs/configuration.md), --port wins over PORT`;

/**
 * The webapp's command-line flags as environment overrides: `--port=N` (as `nx run webapp:serve --port=N` passes
 * it) wins over PORT. Throws a UsageError naming the bad flag.
 */
export function serveArgsAsEnv(argv: readonly string[]): { PORT?: string } {
  const { values } = parseCli(argv, { options: { port: { type: 'string' } } });
  return values.port === undefined ? {} : { PORT: String(wholeNumber('--port', values.port, 0, 65_535)) };
}
