import { parseCli, wholeNumber } from '@ha-uploads/process';
import type { MalwareScanSettings } from '@ha-uploads/local-aws';
import { MALWARE_SCAN_FLAGS, malwareScanFromFlags } from '../malware-scan-args';

/** Where `nx run webapp:backends` listens. */
export interface BackendsArgs {
  readonly host: string;
  readonly s3Port: number;
  readonly dynamodbPort: number;
  readonly sqsPort: number;
  /** The local scanner's settings with --malware-scan; undefined: scanning off. */
  readonly malwareScan?: MalwareScanSettings;
}

/** Fixed ports, so webapp instances started later can be pointed at them by hand. */
export const BACKENDS_DEFAULTS: BackendsArgs = { host: '127.0.0.1', s3Port: 4569, dynamodbPort: 4567, sqsPort: 4571 };

function port(flag: string, value: string | undefined, fallback: number): number {
  return value === undefined ? fallback : wholeNumber(`--${flag}`, value, 0, 65_535);
}

/** What `--help` prints. */
export const BACKENDS_USAGE = `usage: nx run webapp:backends -- [--host=H] [--s3-port=P] [--dynamodb-port=P] [--sqs-port=P] [--malware-scan ...]
  local S3 and DynamoDB under DATA_DIR, on fixed ports (${BACKENDS_DEFAULTS.s3Port}, ${BACKENDS_DEFAULTS.dynamodbPort}) unless told`;

/** Parses `--host`, `--s3-port`, `--dynamodb-port`, `--sqs-port` and the scan flags; throws naming the bad flag. */
export function parseBackendsArgs(argv: readonly string[]): BackendsArgs {
  const { values } = parseCli(argv, {
    options: {
      host: { type: 'string' },
      's3-port': { type: 'string' },
      'dynamodb-port': { type: 'string' },
      'sqs-port': { type: 'string' },
      ...MALWARE_SCAN_FLAGS,
    },
  });
  return {
    host: values.host ?? BACKENDS_DEFAULTS.host,
    s3Port: port('s3-port', values['s3-port'], BACKENDS_DEFAULTS.s3Port),
    dynamodbPort: port('dynamodb-port', values['dynamodb-port'], BACKENDS_DEFAULTS.dynamodbPort),
    sqsPort: port('sqs-port', values['sqs-port'], BACKENDS_DEFAULTS.sqsPort),
    malwareScan: malwareScanFromFlags(values),
  };
}

/** The lines a shell can eval to point webapp instances at these backends. */
export function backendsEnvLines(settings: {
  s3Endpoint: string;
  dynamodbEndpoint: string;
  bucket: string;
  table: string;
  /** The scanning variables (MALWARE_SCAN, SCAN_RESULTS_QUEUE_URL...), when scanning. */
  scanEnv?: Readonly<Record<string, string>>;
}): string[] {
  return [
    `export S3_ENDPOINT=${settings.s3Endpoint}`,
    `export DYNAMODB_ENDPOINT=${settings.dynamodbEndpoint}`,
    `export FILES_BUCKET=${settings.bucket}`,
    `export FILES_TABLE=${settings.table}`,
    ...Object.entries(settings.scanEnv ?? {}).map(([name, value]) => `export ${name}=${value}`),
  ];
}
