import { z } from 'zod';
import { ConfigError, describeIssues } from './config-error';
import { authConfigFrom, authEnvShape, type AuthConfig } from './auth-config';
import { envBool, envInt, envOptionalString, envUrl } from './env-fields';
import { DIRECT_TRANSFER_DEFAULTS, MAX_OBJECT_BYTES } from './direct-transfer';
import { malwareScanConfigFrom, malwareScanEnvShape, type MalwareScanConfig } from './malware-scan-config';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Defaults the webapp falls back to; exported so docs and tests name one source. */
export const WEBAPP_DEFAULTS = {
  port: 3000,
  host: '0.0.0.0',
  filesBucket: 'uploads-local',
  filesTable: 'uploads-local',
  awsRegion: 'us-east-1',
  maxUploadBytes: 100 * MiB,
  maxFilesPerRequest: 20,
  dataDir: '.data',
  logLevel: 'info',
  shutdownTimeoutMs: 25_000,
  keepAliveTimeoutMs: 65_000,
  headersTimeoutMs: 66_000,
  requestTimeoutMs: 600_000,
  uploadPartSizeBytes: 5 * MiB,
  uploadQueueSize: 2,
  sweepIntervalSeconds: 300,
  sweepGraceSeconds: 3_600,
  sweepOrphanWindowSeconds: 86_400,
  limitsTable: 'uploads-local-limits',
  uploadsPerMinutePerClient: 60,
  uploadsPerMinutePerIp: 600,
  uploadBytesPerDayPerClient: 10 * GiB,
  downloadsPerMinutePerIp: 600,
  downloadIdleTimeoutMs: 15_000,
  downloadStreamsPerIp: 6,
  downloadStreamsMax: 32,
  trustProxyHops: 0,
} as const;

const bucketName = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)',
  );
const tableName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a valid DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)');

/** Environment variables the webapp reads, with their validation. Keys are the variable names. */
export const webappEnvSchema = z.object({
  PORT: envInt(0, 65_535, WEBAPP_DEFAULTS.port),
  HOST: z.string().trim().min(1).default(WEBAPP_DEFAULTS.host),
  FILES_BUCKET: bucketName.default(WEBAPP_DEFAULTS.filesBucket),
  FILES_TABLE: tableName.default(WEBAPP_DEFAULTS.filesTable),
  AWS_REGION: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1')
    .default(WEBAPP_DEFAULTS.awsRegion),
  S3_ENDPOINT: envUrl(),
  DYNAMODB_ENDPOINT: envUrl(),
  EMBEDDED_BACKENDS: envBool(false),
  DATA_DIR: z.string().trim().min(1).default(WEBAPP_DEFAULTS.dataDir),
  MAX_UPLOAD_BYTES: envInt(1, 5 * 1024 * GiB, WEBAPP_DEFAULTS.maxUploadBytes),
  MAX_DIRECT_UPLOAD_BYTES: envInt(1, MAX_OBJECT_BYTES, DIRECT_TRANSFER_DEFAULTS.maxDirectUploadBytes),
  DIRECT_UPLOAD_MIN_BYTES: envInt(0, MAX_OBJECT_BYTES, DIRECT_TRANSFER_DEFAULTS.directUploadMinBytes),
  DIRECT_DOWNLOAD_MIN_BYTES: envInt(0, MAX_OBJECT_BYTES, DIRECT_TRANSFER_DEFAULTS.directDownloadMinBytes),
  PUBLIC_ORIGIN: envUrl(),
  S3_PUBLIC_ENDPOINT: envUrl(),
  MAX_FILES_PER_REQUEST: envInt(1, 1_000, WEBAPP_DEFAULTS.maxFilesPerRequest),
  INSTANCE_ID: envOptionalString(),
  IMDS_ENDPOINT: envUrl(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default(WEBAPP_DEFAULTS.logLevel),
  // Set to Agent by the instances' user data (appMetricsEnvironment); unset, metrics are JSON lines in the logs.
  AWS_EMF_ENVIRONMENT: z
    .enum(['Agent', 'Local'], { message: 'must be Agent (the CloudWatch agent) or Local (the logs)' })
    .optional(),
  SHUTDOWN_TIMEOUT_MS: envInt(0, 600_000, WEBAPP_DEFAULTS.shutdownTimeoutMs),
  KEEP_ALIVE_TIMEOUT_MS: envInt(1_000, 3_600_000, WEBAPP_DEFAULTS.keepAliveTimeoutMs),
  HEADERS_TIMEOUT_MS: envInt(1_000, 3_600_000, WEBAPP_DEFAULTS.headersTimeoutMs),
  REQUEST_TIMEOUT_MS: envInt(1_000, 86_400_000, WEBAPP_DEFAULTS.requestTimeoutMs),
  UPLOAD_PART_SIZE_BYTES: envInt(5 * MiB, 512 * MiB, WEBAPP_DEFAULTS.uploadPartSizeBytes),
  UPLOAD_QUEUE_SIZE: envInt(1, 64, WEBAPP_DEFAULTS.uploadQueueSize),
  SWEEP_INTERVAL_SECONDS: envInt(0, 86_400, WEBAPP_DEFAULTS.sweepIntervalSeconds),
  SWEEP_GRACE_SECONDS: envInt(1, 30 * 86_400, WEBAPP_DEFAULTS.sweepGraceSeconds),
  SWEEP_ORPHAN_WINDOW_SECONDS: envInt(60, 365 * 86_400, WEBAPP_DEFAULTS.sweepOrphanWindowSeconds),
  ...authEnvShape,
  ...malwareScanEnvShape,
  LIMITS_TABLE: tableName.default(WEBAPP_DEFAULTS.limitsTable),
  UPLOADS_PER_MINUTE_PER_CLIENT: envInt(0, 1_000_000, WEBAPP_DEFAULTS.uploadsPerMinutePerClient),
  UPLOADS_PER_MINUTE_PER_IP: envInt(0, 1_000_000, WEBAPP_DEFAULTS.uploadsPerMinutePerIp),
  UPLOAD_BYTES_PER_DAY_PER_CLIENT: envInt(0, 1024 ** 5, WEBAPP_DEFAULTS.uploadBytesPerDayPerClient),
  DOWNLOADS_PER_MINUTE_PER_IP: envInt(0, 1_000_000, WEBAPP_DEFAULTS.downloadsPerMinutePerIp),
  DOWNLOAD_IDLE_TIMEOUT_MS: envInt(1_000, 600_000, WEBAPP_DEFAULTS.downloadIdleTimeoutMs),
  DOWNLOAD_STREAMS_PER_IP: envInt(1, 10_000, WEBAPP_DEFAULTS.downloadStreamsPerIp),
  DOWNLOAD_STREAMS_MAX: envInt(1, 10_000, WEBAPP_DEFAULTS.downloadStreamsMax),
  TRUST_PROXY_HOPS: envInt(0, 5, WEBAPP_DEFAULTS.trustProxyHops),
});

/** How the webapp reaches its storage: embedded local servers, given endpoints, or real AWS. */
export type BackendMode = 'embedded' | 'endpoints' | 'aws';

/** The webapp's validated runtime configuration. */
export interface WebappConfig {
  readonly port: number;
  readonly host: string;
  readonly filesBucket: string;
  readonly filesTable: string;
  readonly awsRegion: string;
  readonly backendMode: BackendMode;
  readonly s3Endpoint?: string;
  readonly dynamodbEndpoint?: string;
  readonly dataDir: string;
  readonly maxUploadBytes: number;
  readonly maxFilesPerRequest: number;
  readonly instanceId?: string;
  readonly imdsEndpoint?: string;
  readonly logLevel: z.infer<typeof webappEnvSchema>['LOG_LEVEL'];
  /** Where app metrics (EMF) go: the CloudWatch agent's EMF listener, or the process logs. */
  readonly metricsDestination: 'agent' | 'log';
  readonly shutdownTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly uploadPartSizeBytes: number;
  readonly uploadQueueSize: number;
  readonly sweepIntervalSeconds: number;
  readonly sweepGraceSeconds: number;
  /** How far back (before the grace cutoff) periodic sweeps look for orphan objects; `webapp:sweep` looks at all. */
  readonly sweepOrphanWindowSeconds: number;
  /** Identity, the admin credential and the undo window (auth-config.ts). */
  readonly auth: AuthConfig;
  /** DynamoDB table of the fleet-wide abuse counters (created locally, by infra on AWS). */
  readonly limitsTable: string;
  /** Abuse limits; 0 turns each off. */
  readonly uploadLimits: UploadLimitSettings;
  /** What one instance lets streamed downloads hold: they share the S3 client's sockets with uploads and /readyz. */
  readonly downloadStreams: DownloadStreamSettings;
  /** How many balancers in front of the app append to X-Forwarded-For (and set X-Forwarded-Proto); 0 trusts none. */
  readonly trustProxyHops: number;
  /** Uploads and downloads straight between the browser and S3 (presigned URLs). */
  readonly directTransfer: DirectTransferSettings;
  /** Malware scanning of new files; undefined: off, every new file is clean at once. */
  readonly malwareScan?: MalwareScanConfig;
}

/** The direct-to-S3 transfer settings of the webapp. */
export interface DirectTransferSettings {
  /** Largest size the upload-session API accepts. */
  readonly maxDirectUploadBytes: number;
  /** The page sends files at least this large straight to S3. */
  readonly directUploadMinBytes: number;
  /** Downloads at least this large answer 302 to a presigned S3 GET; 0 turns redirects off. */
  readonly directDownloadMinBytes: number;
  /** The app's public origin (the bucket's CORS rule allows only it). */
  readonly publicOrigin?: string;
  /** The S3 endpoint presigned URLs name, where the browser reaches S3 (local modes); unset: the SDK's endpoint. */
  readonly s3PublicEndpoint?: string;
}

/** The fleet-wide upload limits; 0 turns one off. */
export interface UploadLimitSettings {
  /** Upload requests per minute per identity (ownerId). */
  readonly uploadsPerMinutePerClient: number;
  /** Upload requests per minute per client IP. */
  readonly uploadsPerMinutePerIp: number;
  /** Bytes per UTC day per identity (per client IP for a request with no identity). */
  readonly uploadBytesPerDayPerClient: number;
  /** Download requests per minute per client IP. @default 0 - off */
  readonly downloadsPerMinutePerIp?: number;
}

/** Bounds on the downloads an instance streams through itself (below DIRECT_DOWNLOAD_MIN_BYTES). */
export interface DownloadStreamSettings {
  /** A streamed download that moves no bytes for this long is cut, giving back its S3 socket. */
  readonly idleTimeoutMs: number;
  /** Concurrent streamed downloads per client IP; past it, 429 TOO_MANY_DOWNLOADS. */
  readonly perIp: number;
  /** Concurrent streamed downloads per instance, kept below the S3 client's 64 sockets; past it, 503 DOWNLOADS_BUSY. */
  readonly max: number;
}

/** Parses and validates the webapp's environment; throws ConfigError naming each bad variable. */
export function loadWebappConfig(env: Readonly<Record<string, string | undefined>>): WebappConfig {
  const parsed = webappEnvSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError('webapp configuration', describeIssues(parsed.error.issues, env));
  const e = parsed.data;
  const problems: string[] = [];
  if (e.HEADERS_TIMEOUT_MS <= e.KEEP_ALIVE_TIMEOUT_MS) {
    problems.push(
      `HEADERS_TIMEOUT_MS: must be greater than KEEP_ALIVE_TIMEOUT_MS (${e.KEEP_ALIVE_TIMEOUT_MS}), got ${e.HEADERS_TIMEOUT_MS}`,
    );
  }
  if (e.HEADERS_TIMEOUT_MS > e.REQUEST_TIMEOUT_MS) {
    // Node refuses to create a server whose headers timeout exceeds its request timeout.
    problems.push(
      `HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS (${e.REQUEST_TIMEOUT_MS}), got ${e.HEADERS_TIMEOUT_MS}`,
    );
  }
  if (e.SWEEP_GRACE_SECONDS * 1000 <= e.REQUEST_TIMEOUT_MS) {
    // An upload may legitimately stay PENDING for the whole request timeout; the sweeper must not reclaim it first.
    problems.push(
      `SWEEP_GRACE_SECONDS: must exceed REQUEST_TIMEOUT_MS (${e.REQUEST_TIMEOUT_MS} ms) so the sweeper never reclaims an upload in flight, got ${e.SWEEP_GRACE_SECONDS}`,
    );
  }
  if (e.EMBEDDED_BACKENDS && (e.S3_ENDPOINT || e.DYNAMODB_ENDPOINT)) {
    problems.push('EMBEDDED_BACKENDS: cannot be true when S3_ENDPOINT or DYNAMODB_ENDPOINT is set, got true');
  }
  if (Boolean(e.S3_ENDPOINT) !== Boolean(e.DYNAMODB_ENDPOINT)) {
    const missing = e.S3_ENDPOINT ? 'DYNAMODB_ENDPOINT' : 'S3_ENDPOINT';
    problems.push(
      `${missing}: must be set together with ${e.S3_ENDPOINT ? 'S3_ENDPOINT' : 'DYNAMODB_ENDPOINT'}, got nothing`,
    );
  }
  const auth = authConfigFrom(e, problems);
  const malwareScan = malwareScanConfigFrom(e, problems);
  if (problems.length > 0) throw new ConfigError('webapp configuration', problems);
  return {
    port: e.PORT,
    host: e.HOST,
    filesBucket: e.FILES_BUCKET,
    filesTable: e.FILES_TABLE,
    awsRegion: e.AWS_REGION,
    backendMode: e.EMBEDDED_BACKENDS ? 'embedded' : e.S3_ENDPOINT ? 'endpoints' : 'aws',
    s3Endpoint: e.S3_ENDPOINT,
    dynamodbEndpoint: e.DYNAMODB_ENDPOINT,
    dataDir: e.DATA_DIR,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxFilesPerRequest: e.MAX_FILES_PER_REQUEST,
    instanceId: e.INSTANCE_ID,
    imdsEndpoint: e.IMDS_ENDPOINT,
    logLevel: e.LOG_LEVEL,
    metricsDestination: e.AWS_EMF_ENVIRONMENT === 'Agent' ? 'agent' : 'log',
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
    headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    uploadPartSizeBytes: e.UPLOAD_PART_SIZE_BYTES,
    uploadQueueSize: e.UPLOAD_QUEUE_SIZE,
    sweepIntervalSeconds: e.SWEEP_INTERVAL_SECONDS,
    sweepGraceSeconds: e.SWEEP_GRACE_SECONDS,
    sweepOrphanWindowSeconds: e.SWEEP_ORPHAN_WINDOW_SECONDS,
    auth,
    limitsTable: e.LIMITS_TABLE,
    uploadLimits: {
      uploadsPerMinutePerClient: e.UPLOADS_PER_MINUTE_PER_CLIENT,
      uploadsPerMinutePerIp: e.UPLOADS_PER_MINUTE_PER_IP,
      uploadBytesPerDayPerClient: e.UPLOAD_BYTES_PER_DAY_PER_CLIENT,
      downloadsPerMinutePerIp: e.DOWNLOADS_PER_MINUTE_PER_IP,
    },
    downloadStreams: {
      idleTimeoutMs: e.DOWNLOAD_IDLE_TIMEOUT_MS,
      perIp: e.DOWNLOAD_STREAMS_PER_IP,
      max: e.DOWNLOAD_STREAMS_MAX,
    },
    trustProxyHops: e.TRUST_PROXY_HOPS,
    directTransfer: {
      maxDirectUploadBytes: e.MAX_DIRECT_UPLOAD_BYTES,
      directUploadMinBytes: e.DIRECT_UPLOAD_MIN_BYTES,
      directDownloadMinBytes: e.DIRECT_DOWNLOAD_MIN_BYTES,
      publicOrigin: e.PUBLIC_ORIGIN,
      s3PublicEndpoint: e.S3_PUBLIC_ENDPOINT,
    },
    ...(malwareScan && { malwareScan }),
  };
}

/**
 * The environment a deployed instance runs with: the inverse of loadWebappConfig for the settings
 * infra controls, so the systemd unit and the schema cannot drift apart.
 */
export function webappEnvironment(settings: {
  port: number;
  filesBucket: string;
  filesTable: string;
  awsRegion: string;
  maxUploadBytes: number;
  /** The ALB's idle timeout: the app keeps idle connections open longer, so the ALB never reuses a closed one. */
  loadBalancerIdleTimeoutSeconds: number;
  /** The target group's deregistration delay: the app's graceful shutdown ends 5 s inside it. */
  deregistrationDelaySeconds: number;
}): Record<string, string> {
  const keepAliveTimeoutMs = (settings.loadBalancerIdleTimeoutSeconds + 5) * 1000;
  return {
    PORT: String(settings.port),
    HOST: '0.0.0.0',
    FILES_BUCKET: settings.filesBucket,
    FILES_TABLE: settings.filesTable,
    AWS_REGION: settings.awsRegion,
    MAX_UPLOAD_BYTES: String(settings.maxUploadBytes),
    KEEP_ALIVE_TIMEOUT_MS: String(keepAliveTimeoutMs),
    HEADERS_TIMEOUT_MS: String(keepAliveTimeoutMs + 1000),
    SHUTDOWN_TIMEOUT_MS: String(Math.max(0, settings.deregistrationDelaySeconds - 5) * 1000),
    // Instances are reachable only from the ALB, which appends the client's address to X-Forwarded-For.
    TRUST_PROXY_HOPS: '1',
    NODE_ENV: 'production',
  };
}
