import Router from '@koa/router';
import type { Context } from 'koa';
import { FileTooLargeError, type FilePage, type TrashedFile, type TrashPage } from '@ha-uploads/files';
import { auditAdminAction } from '../http/admin-audit';
import { assertFormToken, csrfTokenFor } from '../http/csrf';
import { toErrorResponse } from '../http/error-response';
import { setFlash, takeFlash, type Flash } from '../http/flash-cookie';
import { readFormBody } from '../http/form-body';
import { ensureOwner } from '../http/identity';
import { noFileError, receiveUploads } from '../http/multipart-upload';
import { expireAlbSession } from '../http/sign-out';
import { countingUploadFailures } from '../http/upload-metrics';
import type { AppState } from '../http/state';
import { limitedUpload } from '../http/upload-limit';
import { flashFor, flashMessage, tooLargeFlash } from '../views/flash';
import { staticAsset, type StaticAsset } from '../views/assets';
import { humanSize, renderHomePage } from '../views/render';
import { APP_CSS } from '../views/templates';
import { toFileView, toTrashedView } from './file-views';
import { ROUTER_OPTIONS } from '../http/paths';
import { parseInput } from '../http/json-body';
import { z } from 'zod';
import type { RouteDeps } from './route-deps';

// The trash's cursor on the page, at most once (the listing's own cursor is read as before).
const trashCursorQuery = z.object({ trashCursor: z.string().optional() });

type PageContext = Context & { state: AppState };

/**
 * The HTML page, its form targets (post/redirect/get, outcomes flashed once through a cookie) and its static assets.
 */
export function pageRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>(ROUTER_OPTIONS);
  const css = staticAsset('/assets/app.css', 'text/css', APP_CSS);
  const js =
    deps.clientScript === undefined
      ? undefined
      : staticAsset('/assets/app.js', 'application/javascript', deps.clientScript);

  router.get('/', async (ctx) => {
    const cursor = typeof ctx.query.cursor === 'string' ? ctx.query.cursor : undefined;
    const flash = takeFlash(ctx);
    let error = flash?.kind === 'error' ? flashFor(flash.code) : flashFor(ctx.query.error);
    if (flash?.kind === 'error' && flash.code === 'FILE_TOO_LARGE' && flash.file)
      error = tooLargeFlash(flash.file, humanSize(deps.maxUploadBytes));
    let page: FilePage = { files: [], nextCursor: null };
    let trashPage: TrashPage = { files: [], nextCursor: null };
    try {
      // Parsed in here, so a repeated trashCursor shows as INVALID_CURSOR on the page like any bad cursor.
      const trashQuery = {
        cursor: parseInput(trashCursorQuery, ctx.query, () => 'INVALID_CURSOR', 'query').trashCursor,
      };
      [page, trashPage] = await Promise.all([
        deps.files.list({ cursor }, ctx.state.identity),
        deps.files.listTrash(ctx.state.identity, trashQuery),
      ]);
    } catch (err) {
      // The page still renders (with the form) when the listing fails; the reason is shown instead.
      const response = toErrorResponse(err);
      if (response.status >= 500) ctx.app.emit('error', err, ctx);
      error = flashFor(response.code);
      ctx.status = response.status;
    }
    const trash = trashPage.files;
    const uploaded = flash?.kind === 'uploaded' ? flash.count : Number(ctx.query.uploaded);
    const who = ctx.state.identity;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = renderHomePage({
      instanceId: deps.instanceId,
      csrfToken: csrfTokenFor(ctx),
      files: page.files.map((f) => toFileView(f, who)),
      trash: trash.map((f) => toTrashedView(f, who)),
      user:
        who.source === 'alb' || who.source === 'admin'
          ? { name: who.userName ?? '', isAdmin: who.isAdmin, canSignOut: who.source === 'alb' }
          : undefined,
      signInRequired: deps.auth.mode === 'alb' && who.ownerId === undefined,
      cursor,
      nextCursor: page.nextCursor,
      trashNextCursor: trashPage.nextCursor,
      error,
      notice: noticeFor(flash, trash),
      uploaded: Number.isInteger(uploaded) && uploaded > 0 ? uploaded : undefined,
      maxFiles: deps.maxFilesPerRequest,
      maxBytes: deps.maxUploadBytes,
      maxSize: humanSize(deps.maxUploadBytes),
      direct:
        deps.sessions && deps.directTransfer
          ? { minBytes: deps.directTransfer.directUploadMinBytes, maxBytes: deps.directTransfer.maxDirectUploadBytes }
          : undefined,
      assets: { css: css.href, js: js?.href },
    });
  });

  router.post('/upload', async (ctx) => {
    await redirectAfter(ctx, () =>
      countingUploadFailures(deps.metrics, async () => {
        const { records, fields } = await limitedUpload(ctx, deps.uploadLimits, deps.metrics, () => {
          const ownerId = ensureOwner(ctx, deps.auth);
          return receiveUploads(ctx, {
            ...deps,
            uploadedBy: deps.instanceId,
            ownerId,
            beforeFile: (parsed) => assertFormToken(ctx, parsed._csrf),
          });
        });
        assertFormToken(ctx, fields._csrf);
        if (records.length === 0) throw noFileError();
        return { kind: 'uploaded' as const, count: records.length };
      }),
    );
  });

  router.post('/files/:id/delete', async (ctx) => {
    await formAction(ctx, async () => {
      await deps.files.delete(ctx.params.id, ctx.state.identity);
      auditAdminAction(ctx, 'delete', ctx.params.id);
      return { kind: 'deleted', id: ctx.params.id };
    });
  });

  router.post('/files/:id/restore', async (ctx) => {
    await formAction(ctx, async () => {
      await deps.files.restore(ctx.params.id, ctx.state.identity);
      auditAdminAction(ctx, 'restore', ctx.params.id);
      return { kind: 'restored', id: ctx.params.id };
    });
  });

  router.post('/files/:id/purge', async (ctx) => {
    await formAction(ctx, async () => {
      await deps.files.purge(ctx.params.id, ctx.state.identity);
      auditAdminAction(ctx, 'purge', ctx.params.id);
      return { kind: 'purged' };
    });
  });

  // Ends the ALB session here, then the IdP's at its logout URL (which sends the browser back signed out).
  router.post('/sign-out', async (ctx) => {
    const form = await readFormBody(ctx);
    assertFormToken(ctx, form.get('_csrf'));
    expireAlbSession(ctx);
    ctx.status = 303;
    ctx.redirect(deps.auth.mode === 'alb' && deps.auth.signOutUrl ? deps.auth.signOutUrl : '/');
  });

  for (const asset of [css, js]) if (asset) serveAsset(router, asset);

  return router;
}

// A small form (CSRF field only) whose action changes one file.
async function formAction(ctx: PageContext, action: () => Promise<Flash>): Promise<void> {
  await redirectAfter(ctx, async () => {
    const form = await readFormBody(ctx);
    assertFormToken(ctx, form.get('_csrf'));
    return action();
  });
}

// Post/redirect/get: success and failure both answer 303 to the page, with the outcome in a one-time flash cookie.
// A refused change (403 NOT_OWNER, 401) keeps its status, so scripts and scanners see it was refused.
async function redirectAfter(ctx: PageContext, action: () => Promise<Flash>): Promise<void> {
  let flash: Flash;
  let status = 303;
  try {
    flash = await action();
  } catch (err) {
    const response = toErrorResponse(err);
    if (response.status >= 500) ctx.app.emit('error', err, ctx);
    flash = { kind: 'error', code: response.code, file: err instanceof FileTooLargeError ? err.fileName : undefined };
    if (response.code === 'NOT_OWNER' || response.status === 401) status = response.status;
  }
  if (status !== 303) {
    ctx.status = status;
    ctx.type = 'html';
    ctx.body = `<!doctype html><title>Refused</title><p>${flashMessage(flash.kind === 'error' ? flash.code : '')} <a href="/">Back to the files</a></p>`;
    return;
  }
  setFlash(ctx, flash);
  ctx.status = 303;
  ctx.redirect('/');
}

function noticeFor(
  flash: Flash | undefined,
  trash: readonly TrashedFile[],
): { message: string; undoId?: string } | undefined {
  if (!flash || flash.kind === 'error' || flash.kind === 'uploaded') return undefined;
  if (flash.kind === 'purged') return { message: 'Deleted forever.' };
  if (flash.kind === 'restored') return { message: 'Restored the file.' };
  const name = trash.find((f) => f.id === flash.id)?.name;
  return { message: name === undefined ? 'Deleted the file.' : `Deleted ${name}.`, undoId: flash.id };
}

// Pages link assets with ?v=<content hash>; that exact URL never changes, so the browser may keep it for a year.
function serveAsset(router: Router<AppState>, asset: StaticAsset): void {
  router.get(asset.path, (ctx) => {
    ctx.type = asset.contentType;
    ctx.set(
      'Cache-Control',
      ctx.query.v === asset.version ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    );
    ctx.body = asset.body;
  });
}
