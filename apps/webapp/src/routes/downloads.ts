import Router from '@koa/router';
import { LimitExceededError, objectKeyFor, scanOf } from '@ha-uploads/files';
import type { Context } from 'koa';
import { attachmentDisposition } from '../http/content-disposition';
import { AppError } from '../http/errors';
import { parseRange } from '../http/range';
import type { AppState } from '../http/state';
import { ROUTER_OPTIONS } from '../http/paths';
import type { RouteDeps } from './route-deps';

/**
 * GET /files/:id streams the body. One `bytes=` range gets 206; multiple ranges or other units are ignored
 * (200, whole body); a range outside the body gets 416. Always an attachment, sandboxed, never sniffed.
 * At or above DIRECT_DOWNLOAD_MIN_BYTES (when not 0) it answers 302 to a presigned S3 GET instead.
 */
export function downloadRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>(ROUTER_OPTIONS);

  router.get('/files/:id', async (ctx) => {
    await admitDownload(ctx, deps);
    const minBytes = deps.directTransfer?.directDownloadMinBytes ?? 0;
    if (deps.multipart && minBytes > 0) {
      const record = await deps.files.getDownloadable(ctx.params.id, ctx.state.identity);
      // A pending file streams to its owner: a presigned URL could be passed on before the scanner's verdict.
      if (record.size >= minBytes && scanOf(record) !== 'pending') {
        // Large bodies come from S3's origin, never ours: a presigned GET that lives minutes and names the file.
        ctx.set('Cache-Control', 'no-store');
        ctx.redirect(
          await deps.multipart.signDownload(objectKeyFor(record.id), {
            contentDisposition: attachmentDisposition(record.name),
            contentType: record.contentType,
          }),
        );
        return;
      }
    }
    const ifRange = ctx.get('If-Range');
    const rangeHeader = ctx.get('Range');
    const release = deps.downloadStreams.acquire(ctx.ip);
    const opened = await deps.files
      .open(ctx.params.id, ctx.state.identity, ({ size, sha256 }) => {
        // A stale If-Range (another version than ours) means "send it all".
        if (ifRange !== '' && ifRange !== `"${sha256}"`) return undefined;
        const range = parseRange(rangeHeader, size);
        if (range === 'unsatisfiable') {
          throw new AppError(
            416,
            'RANGE_NOT_SATISFIABLE',
            `The file has ${size} bytes; ask for a range inside it.`,
            true,
            {
              'Content-Range': `bytes */${size}`,
            },
          );
        }
        return range;
      })
      .catch((err: unknown) => {
        release();
        throw err;
      });
    const { record, range } = opened;
    ctx.body = deps.downloadStreams.watch(opened.body, ctx.res, release);
    ctx.status = range ? 206 : 200;
    ctx.length = opened.contentLength;
    ctx.type = record.contentType;
    ctx.set({
      ETag: `"${record.sha256}"`,
      'Accept-Ranges': 'bytes',
      'Content-Disposition': attachmentDisposition(record.name),
      'Content-Security-Policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-cache',
    });
    if (range) ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${record.size}`);
  });

  return router;
}

// Downloads count toward the per-IP rate limit, as uploads do; a refusal closes the connection like theirs.
async function admitDownload(ctx: Context, deps: RouteDeps): Promise<void> {
  try {
    await deps.uploadLimits?.admitDownload(ctx.ip);
  } catch (err) {
    if (err instanceof LimitExceededError) {
      ctx.set('Retry-After', String(err.retryAfterSeconds));
      deps.metrics.rateLimitRefused(err.code);
    }
    throw err;
  }
}
