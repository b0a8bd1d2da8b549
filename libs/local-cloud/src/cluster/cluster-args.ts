import { parseCli, wholeNumber } from '@ha-uploads/process';
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

/** What `--help` prints. */
export const CLUSTER_USAGE = `usage: nx run webapp:cluster -- [--instances=N] [--sticky] [--port=P] [--data-dir=D] [--bundle] [--auth] [--malware-scan ...]
  local backends, an Auto Scaling group of N instances (default 2) and a load balancer on P (default 8080)`;

/**
 * Parses `--instances=N --sticky --port=P --data-dir=D --bundle --auth` and the scan flags; throws naming the bad flag.
 */
export function parseClusterArgs(argv: readonly string[]): ClusterArgs {
  const { values } = parseCli(argv, {
    options: {
      instances: { type: 'string', default: '2' },
      sticky: { type: 'boolean', default: false },
      port: { type: 'string', default: '8080' },
      'data-dir': { type: 'string' },
      bundle: { type: 'boolean', default: false },
      auth: { type: 'boolean', default: false },
      ...MALWARE_SCAN_FLAGS,
    },
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
