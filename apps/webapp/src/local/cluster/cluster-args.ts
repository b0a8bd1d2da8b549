import { parseArgs } from 'node:util';
import type { MalwareScanSettings } from '@ha-uploads/local-aws';
import { MALWARE_SCAN_FLAGS, malwareScanFromFlags } from '../malware-scan-args';

/** Command-line options of `nx run webapp:cluster`. */
export interface ClusterArgs {
  readonly instances: number;
  readonly sticky: boolean;
  readonly port: number;
  readonly dataDir?: string;
  /** Run the built bundle (dist/apps/webapp/main.js) instead of the sources. */
  readonly bundle: boolean;
  /** Play the ALB's authenticate action: a local sign-in form and signed `x-amzn-oidc-data`. */
  readonly auth: boolean;
  /** The local scanner's settings with --malware-scan; undefined: scanning off. */
  readonly malwareScan?: MalwareScanSettings;
}

/**
 * Parses `--instances=N --sticky --port=P --data-dir=D --bundle --auth` and the scan flags (`--malware-scan`...);
 * throws a message naming the bad flag.
 */
export function parseClusterArgs(argv: readonly string[]): ClusterArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      instances: { type: 'string', default: '2' },
      sticky: { type: 'boolean', default: false },
      port: { type: 'string', default: '8080' },
      'data-dir': { type: 'string' },
      bundle: { type: 'boolean', default: false },
      auth: { type: 'boolean', default: false },
      ...MALWARE_SCAN_FLAGS,
    },
    strict: true,
    allowPositionals: false,
  });
  return {
    instances: wholeNumber('--instances', values.instances, 1, 16),
    sticky: values.sticky,
    port: wholeNumber('--port', values.port, 0, 65_535),
    dataDir: values['data-dir'],
    bundle: values.bundle,
    auth: values.auth,
    malwareScan: malwareScanFromFlags(values),
  };
}

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new RangeError(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}
