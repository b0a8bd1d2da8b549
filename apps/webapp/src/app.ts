import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from 'pino';
import { type BlobStore, type FileCatalog, FileService } from '@ha-uploads/files';
import { csrf } from './http/csrf';
import { NO_METRICS, type AppMetrics } from './metrics/app-metrics';
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
  /** App metrics (EMF); rate limits report refusals through `rateLimitRefused`. @default - not recorded */
  readonly metrics?: AppMetrics;
}

/** Builds the Koa app (never listens): middleware order, then routes, then 405/501 handling. */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  // Instances sit behind the ALB (or the local balancer), which terminates TLS: trust its X-Forwarded-Proto/-For
  // so the CSRF cookie is Secure under HTTPS and logs carry the client's address. Only the ALB can reach them.
  app.proxy = true;
  const files = new FileService({
    catalog: deps.catalog,
    blobs: deps.blobs,
    maxUploadBytes: deps.maxUploadBytes,
    onCleanupError: (err, id) => deps.logger.warn({ err, fileId: id }, 'cleanup after a failed upload failed; the sweeper will finish it'),
  });
  const routeDeps = { ...deps, files, metrics: deps.metrics ?? NO_METRICS };
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
