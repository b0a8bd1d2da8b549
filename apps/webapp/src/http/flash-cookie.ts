import type { Context } from 'koa';

/** The cookie a form post leaves its outcome in for the next page view only (post/redirect/get). */
export const FLASH_COOKIE = 'flash';

/** What a form post ended with. */
export type Flash =
  | { readonly kind: 'error'; readonly code: string }
  | { readonly kind: 'uploaded'; readonly count: number }
  | { readonly kind: 'deleted' | 'restored'; readonly id: string }
  | { readonly kind: 'purged' };

const FORMAT = /^(?:(error)\.([A-Z_]{1,40})|(uploaded)\.(\d{1,4})|(deleted|restored)\.([0-9A-HJKMNP-TV-Z]{26})|(purged))$/;

/** Leaves `flash` for the page the redirect leads to. */
export function setFlash(ctx: Context, flash: Flash): void {
  const value =
    flash.kind === 'error' ? `error.${flash.code}` : flash.kind === 'uploaded' ? `uploaded.${flash.count}` : flash.kind === 'purged' ? 'purged' : `${flash.kind}.${flash.id}`;
  ctx.cookies.set(FLASH_COOKIE, value, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 60_000, secure: ctx.secure, overwrite: true });
}

/** Reads and clears the flash, so a reload does not show it again; anything not in the known shapes is dropped. */
export function takeFlash(ctx: Context): Flash | undefined {
  const value = ctx.cookies.get(FLASH_COOKIE);
  if (value === undefined) return undefined;
  ctx.cookies.set(FLASH_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0, expires: new Date(0), secure: ctx.secure, overwrite: true });
  const m = FORMAT.exec(value);
  if (!m) return undefined;
  if (m[1]) return { kind: 'error', code: m[2] };
  if (m[3]) return { kind: 'uploaded', count: Number(m[4]) };
  if (m[5]) return { kind: m[5] as 'deleted' | 'restored', id: m[6] };
  return { kind: 'purged' };
}
