import type { Context } from 'koa';
import { AppError, BadRequestError } from './errors';

/** Reads a small application/x-www-form-urlencoded body (a delete button's hidden fields), capped at `maxBytes`. */
export async function readFormBody(ctx: Context, maxBytes = 4096): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send this form as application/x-www-form-urlencoded.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BadRequestError('FORM_TOO_LARGE', `The form body is larger than ${maxBytes} bytes.`);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
