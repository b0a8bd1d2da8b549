import { parseArgs } from 'node:util';
import type { MalwareScanSettings } from '@ha-uploads/local-aws';
import { MALWARE_SCAN_FLAGS, malwareScanFromFlags } from '../local/malware-scan-args';

function parseServeArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: { port: { type: 'string' }, ...MALWARE_SCAN_FLAGS },
    strict: true,
    allowPositionals: false,
  }).values;
}

/**
 * The webapp's command-line flags as environment overrides: `--port=N` (as `nx run webapp:serve --port=N` passes
 * it) wins over PORT. Throws a RangeError naming the bad flag.
 */
export function serveArgsAsEnv(argv: readonly string[]): { PORT?: string } {
  const values = parseServeArgs(argv);
  if (values.port === undefined) return {};
  if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65_535) {
    throw new RangeError(`--port must be a whole number from 0 to 65535, got ${JSON.stringify(values.port)}`);
  }
  return { PORT: values.port };
}

/** The local scanner `webapp:serve -- --malware-scan` asks for; undefined without the flag. */
export function serveMalwareScan(argv: readonly string[]): MalwareScanSettings | undefined {
  return malwareScanFromFlags(parseServeArgs(argv));
}
