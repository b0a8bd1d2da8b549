import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { toErrorResponse } from './error-response';
import type { AppState } from './state';

// An upstream id is reused only if it is short and plain, so it cannot inject anything into logs.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:=-]{1,128}$/;

/** Assigns a request id (X-Request-Id), puts a child logger on ctx.state.log, and logs each request once it ends. */
export function requestLogging(opts: { readonly logger: Logger }): Middleware<AppState> {
  return async function requestLogging(ctx, next) {
    const incoming = ctx.get('X-Request-Id');
    const requestId = ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = opts.logger.child({ reqId: requestId });
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    let failure: unknown;
    try {
      await next();
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      // The error handler sets the final status after this runs, so compute it the same way.
      const status = failure === undefined ? ctx.status : toErrorResponse(failure).status;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      ctx.state.log.info({ method: ctx.method, url: ctx.originalUrl, status, ms: Math.round(ms) }, 'request');
    }
  };
}
