import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from 'pino';
import { type BlobStore, type FileCatalog, FileService, type UploadLimits } from '@ha-uploads/files';
import { csrf } from './http/csrf';
import { errorHandler } from './http/error-handler';
import { AppError } from './http/errors';
import { requestLogging } from './http/request-logging';
import { securityHeaders } from './http/security-headers';
import { servedBy } from './http/served-by';
import type { AppState } from './http/state';
import { OPENAPI_DOCUMENT } from './routes/openapi';
import { downloadRoutes } from './routes/downloads';
import { filesApiRoutes } from './routes/files-api';
import { healthRoutes } from './routes/health';
import { pageRoutes } from './routes/pages';

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
  /** Fleet-wide abuse limits on uploads. @default - no limits */
  readonly uploadLimits?: UploadLimits;
  /**
   * How many balancers in front append to X-Forwarded-For and set X-Forwarded-Proto; the client IP is the hop the
   * outermost one added. 0 trusts no forwarding header.
   * @default 0
   */
  readonly trustProxyHops?: number;
}

/** Builds the Koa app (never listens): middleware order, then routes, then 405/501 handling. */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  // Instances sit behind the ALB (or the local balancer), which terminates TLS: trust its X-Forwarded-Proto and only
  // the X-Forwarded-For hops it appended, so cookies are Secure under HTTPS and ctx.ip is the address it saw.
  const trustProxyHops = deps.trustProxyHops ?? 0;
  app.proxy = trustProxyHops > 0;
  app.maxIpsCount = trustProxyHops;
  const files = new FileService({
    catalog: deps.catalog,
    blobs: deps.blobs,
    maxUploadBytes: deps.maxUploadBytes,
    onCleanupError: (err, id) => deps.logger.warn({ err, fileId: id }, 'cleanup after a failed upload failed; the sweeper will finish it'),
  });
  const routeDeps = { ...deps, files };
  const router = new Router<AppState>();
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = OPENAPI_DOCUMENT;
  });
  for (const routes of [healthRoutes(routeDeps), pageRoutes(routeDeps), filesApiRoutes(routeDeps), downloadRoutes(routeDeps)]) {
    router.use(routes.routes());
  }

  app.use(servedBy(deps.instanceId));
  app.use(errorHandler({ maxUploadBytes: deps.maxUploadBytes }));
  app.use(requestLogging({ logger: deps.logger }));
  app.use(securityHeaders());
  app.use(csrf());
  app.use(router.routes());
  app.use(
    router.allowedMethods({
      throw: true,
      methodNotAllowed: () => new AppError(405, 'METHOD_NOT_ALLOWED', 'This method is not allowed here; see the Allow header.'),
      notImplemented: () => new AppError(501, 'NOT_IMPLEMENTED', 'This method is not implemented.'),
    }),
  );

  app.on('error', (err: unknown, ctx?: { state?: Partial<AppState> }) => {
    (ctx?.state?.log ?? deps.logger).error({ err }, 'request failed');
  });
  return app;
}
