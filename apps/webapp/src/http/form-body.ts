import type { Context } from 'koa';
import { readSmallBody } from './small-body';

/** Reads a small application/x-www-form-urlencoded body (a delete button's hidden fields), capped at `maxBytes`. */
export async function readFormBody(ctx: Context, maxBytes = 4096): Promise<URLSearchParams> {
  const rule = {
    type: 'application/x-www-form-urlencoded',
    maxBytes,
    tooLargeCode: 'FORM_TOO_LARGE',
    sendName: 'form',
    sizeName: 'form body',
  };
  return new URLSearchParams(await readSmallBody(ctx, rule));
}
