import type { Context } from 'koa';
import { AppError, BadRequestError } from './errors';

/** What a small request body must be, and how the refusals name it. */
export interface SmallBodyRule {
  readonly type: string;
  readonly maxBytes: number;
  /** The stable code of an oversized body. */
  readonly tooLargeCode: string;
  /** The body as the 415 message names it ("Send this form as …"). */
  readonly sendName: string;
  /** The body as the oversize message names it ("The form body is larger …"). */
  readonly sizeName: string;
}

/** Reads a small body of `rule.type` as UTF-8: 415 UNSUPPORTED_MEDIA_TYPE for another type, 400 past `maxBytes`. */
export async function readSmallBody(ctx: Context, rule: SmallBodyRule): Promise<string> {
  if (!ctx.is(rule.type)) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send this ${rule.sendName} as ${rule.type}.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > rule.maxBytes) {
      throw new BadRequestError(rule.tooLargeCode, `The ${rule.sizeName} is larger than ${rule.maxBytes} bytes.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
