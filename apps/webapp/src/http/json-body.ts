import type { Context } from 'koa';
import { AppError, BadRequestError } from './errors';

/** Reads a small JSON object body, capped at `maxBytes`; anything but an object gets 400 INVALID_JSON. */
export async function readJsonBody(ctx: Context, maxBytes = 65_536): Promise<Record<string, unknown>> {
  if (!ctx.is('application/json')) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send this body as application/json.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BadRequestError('BODY_TOO_LARGE', `The JSON body is larger than ${maxBytes} bytes.`);
    chunks.push(chunk);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequestError('INVALID_JSON', 'The body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadRequestError('INVALID_JSON', 'The body must be a JSON object.');
  return parsed as Record<string, unknown>;
}
