import Koa from 'koa';
import type { Logger } from 'pino';
import {
  AUTH_DEFAULTS,
  DIRECT_TRANSFER_DEFAULTS,
  WEBAPP_DEFAULTS,
  type AuthConfig,
  type DirectTransferSettings,
  type DownloadStreamSettings,
} from '@ha-uploads/config';
import {
  type BlobStore,
  type FileCatalog,
  type MalwareScanOptions,
  type MultipartStore,
  type UploadLimits,
  UploadSessionService,
} from '@ha-uploads/files';
import { csrf } from './http/csrf';
import { DownloadStreams } from './http/download-streams';
import { NO_METRICS, type AppMetrics } from './metrics/app-metrics';
import { errorHandler } from './http/error-handler';
import { identity } from './http/identity';
import type { AlbIdentityVerifier } from './identity/alb-identity';
import { AppError } from './http/errors';
import { requestLogging } from './http/request-logging';
import { securityHeaders } from './http/security-headers';
import { servedBy } from './http/served-by';
import type { AppState } from './http/state';
import { createRouter } from './routes/router';
import { createFileService } from './startup/file-service';

/** Everything the app needs; main.ts builds the real ones, tests pass in-memory fakes. */
export interface AppDeps {
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
  readonly instanceId: string;
  readonly logger: Logger;
  readonly maxUploadBytes: number;
  readonly maxFilesPerRequest: number;
  /** The browser bundle served at /assets/app.js. @default - none */
  readonly clientScript?: string;
  /** Who may do what (config.auth). @default - anonymous owners, no admin token, deletes restorable for 24 hours */
  readonly auth?: AuthConfig;
  /**
   * Verifies `x-amzn-oidc-data` (and, with Cognito, `x-amzn-oidc-accesstoken`) in alb mode. @default - AlbJwtVerifier
   * over auth.keyEndpoint, CognitoJwtVerifier over the pool's JWKS
   */
  readonly verifyAlb?: AlbIdentityVerifier;
  /** Fleet-wide abuse limits on uploads. @default - no limits */
  readonly uploadLimits?: UploadLimits;
  /**
   * How many balancers in front append to X-Forwarded-For and set X-Forwarded-Proto; the client IP is the hop the
   * outermost one added. 0 trusts no forwarding header.
   * @default 0
   */
  readonly trustProxyHops?: number;
  /** App metrics (EMF); rate limits report refusals through `rateLimitRefused`. @default - not recorded */
  readonly metrics?: AppMetrics;
  /**
   * Direct transfers between the browser and S3. @default - none: the upload-session API answers 501 and downloads
   * stream
   */
  readonly multipart?: MultipartStore;
  /** The S3 origin presigned URLs name; the page's CSP lets it connect there. @default - none */
  readonly directTransferOrigin?: string;
  /** Limits and thresholds of the direct transfers. @default - DIRECT_TRANSFER_DEFAULTS */
  readonly directTransfer?: DirectTransferSettings;
  /** The downloads streamed through the app, capped and cut when idle. @default - with the WEBAPP_DEFAULTS settings */
  readonly downloadStreams?: DownloadStreams;
  /** Malware scanning: who may see and download a file before and after its verdict. @default - off: clean at once */
  readonly malwareScan?: MalwareScanOptions;
}

const ANONYMOUS: AuthConfig = { mode: 'anonymous', deleteRetentionHours: AUTH_DEFAULTS.deleteRetentionHours };
const DEFAULT_DOWNLOAD_STREAMS: DownloadStreamSettings = {
  idleTimeoutMs: WEBAPP_DEFAULTS.downloadIdleTimeoutMs,
  perIp: WEBAPP_DEFAULTS.downloadStreamsPerIp,
  max: WEBAPP_DEFAULTS.downloadStreamsMax,
};

/** Builds the Koa app (never listens): middleware order, then routes, then 405/501 handling. */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  // Instances sit behind the ALB (or the local balancer), which terminates TLS: trust its X-Forwarded-Proto and only
  // the X-Forwarded-For hops it appended, so cookies are Secure under HTTPS and ctx.ip is the address it saw.
  const trustProxyHops = deps.trustProxyHops ?? 0;
  app.proxy = trustProxyHops > 0;
  app.maxIpsCount = trustProxyHops;
  const auth = deps.auth ?? ANONYMOUS;
  const files = createFileService({ ...deps, deleteRetentionHours: auth.deleteRetentionHours });
  const directTransfer = deps.directTransfer ?? DIRECT_TRANSFER_DEFAULTS;
  const sessions =
    deps.multipart &&
    new UploadSessionService({
      catalog: deps.catalog,
      blobs: deps.blobs,
      multipart: deps.multipart,
      maxBytes: directTransfer.maxDirectUploadBytes,
      initialScan: () => files.scanRules.initialScan(),
    });
  const downloadStreams = deps.downloadStreams ?? new DownloadStreams(DEFAULT_DOWNLOAD_STREAMS);
  const router = createRouter({
    ...deps,
    auth,
    files,
    sessions,
    directTransfer,
    downloadStreams,
    metrics: deps.metrics ?? NO_METRICS,
  });

  app.use(servedBy(deps.instanceId));
  app.use(errorHandler({ maxUploadBytes: deps.maxUploadBytes }));
  app.use(requestLogging({ logger: deps.logger }));
  app.use(securityHeaders({ connectOrigins: deps.directTransferOrigin ? [deps.directTransferOrigin] : [] }));
  app.use(identity({ auth, verifyAlb: deps.verifyAlb }));
  app.use(csrf());
  app.use(router.routes());
  app.use(
    router.allowedMethods({
      throw: true,
      methodNotAllowed: () =>
        new AppError(405, 'METHOD_NOT_ALLOWED', 'This method is not allowed here; see the Allow header.'),
      notImplemented: () => new AppError(501, 'NOT_IMPLEMENTED', 'This method is not implemented.'),
    }),
  );

  app.on('error', (err: unknown, ctx?: { state?: Partial<AppState> }) => {
    (ctx?.state?.log ?? deps.logger).error({ err }, 'request failed');
  });
  return app;
}
