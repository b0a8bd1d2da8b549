import { parseCli, wholeNumber } from '@ha-uploads/process';

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
}

/** What `--help` prints. */
export const CLUSTER_USAGE = `usage: nx run webapp:cluster -- [--instances=N] [--sticky] [--port=P] [--data-dir=D] [--bundle] [--auth]
  local backends, an Auto Scaling group of N instances (default 2) and a load balancer on P (default 8080)`;

/** Parses `--instances=N --sticky --port=P --data-dir=D --bundle --auth`; throws a message naming the bad flag. */
export function parseClusterArgs(argv: readonly string[]): ClusterArgs {
  const { values } = parseCli(argv, {
    options: {
      instances: { type: 'string', default: '2' },
      sticky: { type: 'boolean', default: false },
      port: { type: 'string', default: '8080' },
      'data-dir': { type: 'string' },
      bundle: { type: 'boolean', default: false },
      auth: { type: 'boolean', default: false },
    },
  });
  return {
    instances: wholeNumber('--instances', values.instances, 1, 16),
    sticky: values.sticky,
    port: wholeNumber('--port', values.port, 0, 65_535),
    dataDir: values['data-dir'],
    bundle: values.bundle,
    auth: values.auth,
  };
}
