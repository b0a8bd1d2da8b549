import type { Middleware } from 'koa';

/** CSP for our pages: only our own scripts and styles, no inline code, never framed. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The page CSP when the page may also fetch from `connectOrigins` (the S3 origin of direct uploads and downloads). */
export function pageCsp(connectOrigins: readonly string[] = []): string {
  return connectOrigins.length === 0
    ? PAGE_CSP
    : PAGE_CSP.replace("connect-src 'self'", `connect-src 'self' ${connectOrigins.join(' ')}`);
}

/** HSTS for a year; no includeSubDomains or preload, which would bind hosts this app does not own. */
export const HSTS = 'max-age=31536000';

/**
 * Sets security headers on every response; download routes tighten CSP further (sandbox). HSTS only on requests
 * that arrived over HTTPS (ctx.secure: TLS here, or X-Forwarded-Proto from a trusted balancer), as browsers ignore
 * it over plain HTTP and an HTTP-only deployment must stay reachable.
 */
export function securityHeaders(
  opts: {
    /** Origins the page may also fetch from (the S3 endpoint of direct uploads). @default - none */
    readonly connectOrigins?: readonly string[];
  } = {},
): Middleware {
  const csp = pageCsp(opts.connectOrigins);
  return async function securityHeaders(ctx, next) {
    ctx.set({
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      // Not no-referrer: under it browsers send `Origin: null` on form posts, which the CSRF check must refuse.
      // same-origin still sends nothing to other sites.
      'Referrer-Policy': 'same-origin',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    if (ctx.secure) ctx.set('Strict-Transport-Security', HSTS);
    await next();
  };
}
