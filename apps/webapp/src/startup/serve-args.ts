import { parseArgs } from 'node:util';

/**
 * The webapp's command-line flags as environment overrides: `--port=N` (as `nx run webapp:serve --port=N` passes
 * it) wins over PORT. Throws a RangeError naming the bad flag.
 */
export function serveArgsAsEnv(argv: readonly string[]): { PORT?: string } {
  const { values } = parseArgs({ args: [...argv], options: { port: { type: 'string' } }, strict: true, allowPositionals: false });
  if (values.port === undefined) return {};
  if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65_535) {
    throw new RangeError(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(values.port)}`);
  }
  return { PORT: values.port };
}
