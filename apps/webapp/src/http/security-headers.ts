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

/** HSTS for a year; no includeSubDomains or preload, which would bind hosts this app does not own. */
export const HSTS = 'max-age=31536000';

/**
 * Sets security headers on every response; download routes tighten CSP further (sandbox). HSTS only on requests
 * that arrived over HTTPS (ctx.secure: TLS here, or X-Forwarded-Proto from a trusted balancer), as browsers ignore
 * it over plain HTTP and an HTTP-only deployment must stay reachable.
 */
export function securityHeaders(): Middleware {
  return async function securityHeaders(ctx, next) {
    ctx.set({
      'Content-Security-Policy': PAGE_CSP,
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
