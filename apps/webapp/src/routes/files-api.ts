import Router from '@koa/router';
import { noFileError, receiveUploads } from '../http/multipart-upload';
import type { AppState } from '../http/state';
import { countingUploadFailures } from '../http/upload-metrics';
import type { RouteDeps } from './route-deps';

/** The JSON API: list, upload, read and delete file records. */
export function filesApiRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/files' });

  router.get('/', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await deps.files.list({ limit: ctx.query.limit, cursor: ctx.query.cursor });
  });

  router.post('/', async (ctx) => {
    const records = await countingUploadFailures(deps.metrics, async () => {
      const received = await receiveUploads(ctx, { ...deps, uploadedBy: deps.instanceId });
      if (received.records.length === 0) throw noFileError();
      return received.records;
    });
    ctx.status = 201;
    ctx.body = { files: records };
  });

  router.get('/:id', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await deps.files.get(ctx.params.id);
  });

  router.delete('/:id', async (ctx) => {
    await deps.files.delete(ctx.params.id);
    ctx.status = 204;
  });

  return router;
}
