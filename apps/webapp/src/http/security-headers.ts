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

/** Sets security headers on every response; download routes tighten CSP further (sandbox). */
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
    await next();
  };
}
