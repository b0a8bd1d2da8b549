import type { Context } from 'koa';

/** The cookie a form post leaves its outcome in for the next page view only (post/redirect/get). */
export const FLASH_COOKIE = 'flash';

/** What a form post ended with. */
export type Flash =
  | {
      readonly kind: 'error';
      readonly code: string;
      /** The file it was about (FILE_TOO_LARGE). */
      readonly file?: string;
    }
  | { readonly kind: 'uploaded'; readonly count: number }
  | { readonly kind: 'deleted' | 'restored'; readonly id: string }
  | { readonly kind: 'purged' };

/** A file name in the cookie: base64url, at most 300 bytes of UTF-8 (a cookie stays far below 4 KB). */
const FILE_NAME_BYTES = 300;
const FORMAT =
  /^(?:(error)\.([A-Z_]{1,40})(?:\.([A-Za-z0-9_-]{1,400}))?|(uploaded)\.(\d{1,4})|(deleted|restored)\.([0-9A-HJKMNP-TV-Z]{26})|(purged))$/;

/** Leaves `flash` for the page the redirect leads to. */
export function setFlash(ctx: Context, flash: Flash): void {
  const value =
    flash.kind === 'error'
      ? `error.${flash.code}${flash.file ? `.${encodeFileName(flash.file)}` : ''}`
      : flash.kind === 'uploaded'
        ? `uploaded.${flash.count}`
        : flash.kind === 'purged'
          ? 'purged'
          : `${flash.kind}.${flash.id}`;
  ctx.cookies.set(FLASH_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    maxAge: 60_000,
    secure: ctx.secure,
    overwrite: true,
  });
}

/** Reads and clears the flash, so a reload does not show it again; anything not in the known shapes is dropped. */
export function takeFlash(ctx: Context): Flash | undefined {
  const value = ctx.cookies.get(FLASH_COOKIE);
  if (value === undefined) return undefined;
  ctx.cookies.set(FLASH_COOKIE, '', {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    maxAge: 0,
    expires: new Date(0),
    secure: ctx.secure,
    overwrite: true,
  });
  const m = FORMAT.exec(value);
  if (!m) return undefined;
  if (m[1] && m[3] !== undefined)
    return { kind: 'error', code: m[2], file: Buffer.from(m[3], 'base64url').toString('utf8') };
  if (m[1]) return { kind: 'error', code: m[2] };
  if (m[4]) return { kind: 'uploaded', count: Number(m[5]) };
  if (m[6]) return { kind: m[6] as 'deleted' | 'restored', id: m[7] };
  return { kind: 'purged' };
}

// Cut at a character boundary: a name longer than the cookie allows keeps its start.
function encodeFileName(name: string): string {
  const chars = Array.from(name);
  while (Buffer.byteLength(chars.join(''), 'utf8') > FILE_NAME_BYTES) chars.pop();
  return Buffer.from(chars.join(''), 'utf8').toString('base64url');
}
