import type { Context } from 'koa';
import { AppError } from './errors';

/**
 * The anonymous owner's cookie; its value is the secret, records keep only its digest. Over HTTPS its name has the
 * `__Host-` prefix, so browsers take it only from this host, Secure and Path=/: a sibling origin cannot set or
 * shadow it. Plain HTTP (local runs) cannot use the prefix.
 */
export const OWNER_COOKIE = { secure: '__Host-owner', plain: 'owner' } as const;
/** 400 days, the longest lifetime browsers keep a cookie. */
export const OWNER_COOKIE_MAX_AGE_MS = 400 * 86_400_000;

/** A request that carries the owner cookie more than once (one shadowing the other): refused, never guessed. */
export const ownerCookieConflict = () =>
  new AppError(
    400,
    'OWNER_COOKIE_CONFLICT',
    "Your browser sent two owner cookies for this site, so it is unclear whose files these are; clear this site's cookies and retry.",
  );

/** The owner cookie's name for this request's scheme. */
export function ownerCookieName(ctx: Context): string {
  return ctx.secure ? OWNER_COOKIE.secure : OWNER_COOKIE.plain;
}

/** The owner secret the request's cookie carries: undefined when there is none, 'conflict' when sent more than once. */
export function readOwnerCookie(ctx: Context): string | 'conflict' | undefined {
  const name = ownerCookieName(ctx);
  const values = ctx
    .get('Cookie')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
  if (values.length > 1) return 'conflict';
  return values[0];
}

/** Sets a new owner secret as the owner cookie: HttpOnly, SameSite=Lax, Path=/, and over HTTPS Secure and `__Host-`. */
export function setOwnerCookie(ctx: Context, secret: string): void {
  ctx.cookies.set(ownerCookieName(ctx), secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.secure,
    maxAge: OWNER_COOKIE_MAX_AGE_MS,
    path: '/',
    overwrite: true,
  });
}
