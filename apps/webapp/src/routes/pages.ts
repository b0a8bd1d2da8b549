import Router from '@koa/router';
import type { Context } from 'koa';
import type { FilePage } from '@ha-uploads/files';
import { assertFormToken, csrfTokenFor } from '../http/csrf';
import { toErrorResponse } from '../http/error-response';
import { readFormBody } from '../http/form-body';
import { noFileError, receiveUploads } from '../http/multipart-upload';
import { countingUploadFailures } from '../http/upload-metrics';
import type { AppState } from '../http/state';
import { flashFor } from '../views/flash';
import { staticAsset, type StaticAsset } from '../views/assets';
import { humanSize, renderHomePage } from '../views/render';
import { APP_CSS } from '../views/templates';
import type { RouteDeps } from './route-deps';

/** The HTML page, its form targets (post/redirect/get, errors flashed via ?error=CODE) and its static assets. */
export function pageRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>();
  const css = staticAsset('/assets/app.css', 'text/css', APP_CSS);
  const js = deps.clientScript === undefined ? undefined : staticAsset('/assets/app.js', 'application/javascript', deps.clientScript);

  router.get('/', async (ctx) => {
    const cursor = typeof ctx.query.cursor === 'string' ? ctx.query.cursor : undefined;
    let error = flashFor(ctx.query.error);
    let page: FilePage = { files: [], nextCursor: null };
    try {
      page = await deps.files.list({ cursor });
    } catch (err) {
      // The page still renders (with the form) when the listing fails; the reason is shown instead.
      const response = toErrorResponse(err);
      if (response.status >= 500) ctx.app.emit('error', err, ctx);
      error = flashFor(response.code);
      ctx.status = response.status;
    }
    const uploaded = Number(ctx.query.uploaded);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = renderHomePage({
      instanceId: deps.instanceId,
      csrfToken: csrfTokenFor(ctx),
      files: page.files,
      cursor,
      nextCursor: page.nextCursor,
      error,
      uploaded: Number.isInteger(uploaded) && uploaded > 0 ? uploaded : undefined,
      maxFiles: deps.maxFilesPerRequest,
      maxBytes: deps.maxUploadBytes,
      maxSize: humanSize(deps.maxUploadBytes),
      assets: { css: css.href, js: js?.href },
    });
  });

  router.post('/upload', async (ctx) => {
    await redirectAfter(ctx, () =>
      countingUploadFailures(deps.metrics, async () => {
        const { records, fields } = await receiveUploads(ctx, {
          ...deps,
          uploadedBy: deps.instanceId,
          beforeFile: (parsed) => assertFormToken(ctx, parsed._csrf),
        });
        assertFormToken(ctx, fields._csrf);
        if (records.length === 0) throw noFileError();
        return `/?uploaded=${records.length}`;
      }),
    );
  });

  router.post('/files/:id/delete', async (ctx) => {
    await redirectAfter(ctx, async () => {
      const form = await readFormBody(ctx);
      assertFormToken(ctx, form.get('_csrf'));
      await deps.files.delete(ctx.params.id);
      return '/';
    });
  });

  for (const asset of [css, js]) if (asset) serveAsset(router, asset);

  return router;
}

// Post/redirect/get: success and failure both answer 303 to the page; failures carry their code in ?error=.
async function redirectAfter(ctx: Context, action: () => Promise<string>): Promise<void> {
  let location: string;
  try {
    location = await action();
  } catch (err) {
    const response = toErrorResponse(err);
    if (response.status >= 500) ctx.app.emit('error', err, ctx);
    location = `/?error=${encodeURIComponent(response.code)}`;
  }
  ctx.status = 303;
  ctx.redirect(location);
}

// Pages link assets with ?v=<content hash>; that exact URL never changes, so the browser may keep it for a year.
function serveAsset(router: Router<AppState>, asset: StaticAsset): void {
  router.get(asset.path, (ctx) => {
    ctx.type = asset.contentType;
    ctx.set('Cache-Control', ctx.query.v === asset.version ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    ctx.body = asset.body;
  });
}
