import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, Middleware } from 'koa';
import { AppError } from './errors';
import { isApiPath } from './paths';
import type { AppState } from './state';

/** Names shared by the middleware, the page template and the browser client. */
export const CSRF = { cookie: 'csrf', header: 'X-CSRF-Token', field: '_csrf' } as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const crossSite = () =>
  new AppError(403, 'CSRF_CROSS_SITE', 'Cross-site requests are not allowed; submit the form from this site.');
const badToken = () =>
  new AppError(403, 'CSRF_TOKEN_INVALID', 'The form has expired or is missing its token; reload the page and retry.');

/**
 * CSRF defence, before any body is read. Every unsafe request from a browser (it sends Origin or Sec-Fetch-Site)
 * must be same-origin and must echo the SameSite=Strict cookie token, in the X-CSRF-Token header or, for forms
 * outside /api, the `_csrf` field checked by the form route; /api requests with neither header are non-browser
 * clients, which carry no ambient credentials to abuse.
 */
export function csrf(): Middleware<AppState> {
  return async function csrf(ctx, next) {
    const cookieToken = ctx.cookies.get(CSRF.cookie);
    ctx.state.csrfCookieToken = cookieToken !== undefined && TOKEN.test(cookieToken) ? cookieToken : undefined;
    if (SAFE_METHODS.has(ctx.method)) return next();

    const site = ctx.get('Sec-Fetch-Site');
    const origin = ctx.get('Origin');
    if (site !== '' && site !== 'same-origin' && site !== 'none') throw crossSite();
    if (origin !== '' && !sameHost(origin, ctx.host)) throw crossSite();

    const header = ctx.get(CSRF.header);
    if (header !== '') {
      if (!tokensMatch(ctx.state.csrfCookieToken, header)) throw badToken();
    } else if (isApiPath(ctx.path)) {
      if (site !== '' || origin !== '') throw badToken();
    }
    // Form posts without the header are checked against their `_csrf` field by assertFormToken.
    return next();
  };
}

/** Checks a form's `_csrf` field against the cookie token (unless the header was already checked). */
export function assertFormToken(ctx: Context & { state: AppState }, submitted: unknown): void {
  if (ctx.get(CSRF.header) !== '') return;
  if (typeof submitted !== 'string' || !tokensMatch(ctx.state.csrfCookieToken, submitted)) throw badToken();
}

/** The token a rendered form must carry: the browser's own, or a new one set as its cookie (only pages need one). */
export function csrfTokenFor(ctx: Context & { state: AppState }): string {
  if (ctx.state.csrfCookieToken) return ctx.state.csrfCookieToken;
  const token = randomBytes(32).toString('base64url');
  ctx.cookies.set(CSRF.cookie, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    overwrite: true,
    secure: ctx.secure,
  });
  ctx.state.csrfCookieToken = token;
  return token;
}

// Compare hosts only: behind the ALB the scheme the browser used is not the one we see.
function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function tokensMatch(expected: string | undefined, actual: string): boolean {
  // The pattern check keeps both buffers 43 ASCII bytes: timingSafeEqual throws on unequal byte lengths.
  if (expected === undefined || !TOKEN.test(actual)) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(actual));
}
