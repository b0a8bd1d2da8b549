import Router from '@koa/router';
import { auditAdminAction } from '../http/admin-audit';
import { ensureOwner } from '../http/identity';
import { noFileError, receiveUploads } from '../http/multipart-upload';
import type { AppState } from '../http/state';
import { toFileView, toTrashedView } from './file-views';
import { limitedUpload } from '../http/upload-limit';
import { countingUploadFailures } from '../http/upload-metrics';
import { API_PREFIX, ROUTER_OPTIONS } from '../http/paths';
import type { RouteDeps } from './route-deps';
import { parseInput } from '../http/json-body';
import { z } from 'zod';
import type { PageQuery } from '@ha-uploads/files';

// Each parameter at most once (else INVALID_LIMIT or INVALID_CURSOR); the domain checks the values.
const listQuery = z.object({ limit: z.string().optional(), cursor: z.string().optional() }) satisfies z.ZodType<
  PageQuery,
  unknown
>;
const queryCode = (field: string) => `INVALID_${field.toUpperCase()}`;

/** The JSON API: list, upload, read and delete file records, and the trash (restore, delete forever). */
export function filesApiRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>({ ...ROUTER_OPTIONS, prefix: API_PREFIX });

  router.get('/files', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const query = parseInput(listQuery, ctx.query, queryCode, 'query');
    const page = await deps.files.list(query, ctx.state.identity);
    ctx.body = { files: page.files.map((f) => toFileView(f, ctx.state.identity)), nextCursor: page.nextCursor };
  });

  router.post('/files', async (ctx) => {
    // The limits count the identity the request came with; a first upload's new identity counts from the next one.
    let ownerId: string | undefined;
    const records = await countingUploadFailures(deps.metrics, async () => {
      const received = await limitedUpload(ctx, deps.uploadLimits, deps.metrics, () => {
        ownerId = ensureOwner(ctx, deps.auth);
        return receiveUploads(ctx, { ...deps, uploadedBy: deps.instanceId, ownerId });
      });
      if (received.records.length === 0) throw noFileError();
      return received.records;
    });
    ctx.status = 201;
    const files = records.map((r) => toFileView({ ...r, ownerId }, ctx.state.identity));
    // The new owner secret is returned this once, for clients that keep no cookies (send it as a Bearer token).
    ctx.body =
      ctx.state.issuedOwnerSecret === undefined ? { files } : { files, ownerToken: ctx.state.issuedOwnerSecret };
  });

  router.get('/files/:id', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = toFileView(await deps.files.get(ctx.params.id, ctx.state.identity), ctx.state.identity);
  });

  router.delete('/files/:id', async (ctx) => {
    await deps.files.delete(ctx.params.id, ctx.state.identity);
    auditAdminAction(ctx, 'delete', ctx.params.id);
    ctx.status = 204;
  });

  router.get('/trash', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const page = await deps.files.listTrash(ctx.state.identity, parseInput(listQuery, ctx.query, queryCode, 'query'));
    ctx.body = { files: page.files.map((f) => toTrashedView(f, ctx.state.identity)), nextCursor: page.nextCursor };
  });

  router.post('/trash/:id/restore', async (ctx) => {
    const record = await deps.files.restore(ctx.params.id, ctx.state.identity);
    auditAdminAction(ctx, 'restore', ctx.params.id);
    ctx.body = record;
  });

  router.delete('/trash/:id', async (ctx) => {
    await deps.files.purge(ctx.params.id, ctx.state.identity);
    auditAdminAction(ctx, 'purge', ctx.params.id);
    ctx.status = 204;
  });

  return router;
}
