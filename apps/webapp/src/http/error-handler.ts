import type { Context, Middleware } from 'koa';
import { toErrorResponse } from './error-response';
import { lingerAfterAnswer } from './lingering-close';

// Headers a half-written success response may have set that must not leak into the error.
const ENTITY_HEADERS = [
  'Content-Disposition',
  'Content-Range',
  'Content-Length',
  'ETag',
  'Content-Security-Policy-Report-Only',
  'Accept-Ranges',
];

/**
 * First middleware: turns every error into {"error":{"code","message"}} with its status, sets Allow on 405,
 * answers 404 NOT_FOUND for unmatched routes, and emits server errors on the app for central logging.
 */
export function errorHandler(opts: { readonly maxUploadBytes?: number } = {}): Middleware {
  return async function errorHandler(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { code: 'NOT_FOUND', message: 'No such page or endpoint.' } };
      }
    } catch (err) {
      const response = toErrorResponse(err, opts.maxUploadBytes);
      for (const name of ENTITY_HEADERS) ctx.remove(name);
      ctx.set(response.headers);
      if (response.status === 405 || response.status === 501) ctx.set('Allow', allowedMethods(ctx));
      ctx.status = response.status;
      ctx.body = { error: { code: response.code, message: response.message } };
      // Refused before its body was read (a limit, a CSRF check, a cap mid-stream): let the client read the answer.
      if (!ctx.req.complete) lingerAfterAnswer(ctx);
      if (response.status >= 500) ctx.app.emit('error', err, ctx);
    }
  };
}

// The router's thrown 405 carries no Allow list; rebuild it from the layers that matched the path.
function allowedMethods(ctx: Context): string {
  const matched = (ctx as Context & { matched?: { methods: string[] }[] }).matched ?? [];
  return [...new Set(matched.flatMap((layer) => layer.methods))].join(', ');
}
