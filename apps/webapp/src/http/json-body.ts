import type { Context } from 'koa';
import type { z } from 'zod';
import { BadRequestError } from './errors';
import { readSmallBody } from './small-body';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

/**
 * Reads a small JSON object body, capped at `maxBytes` and MAX_JSON_DEPTH levels, and parses it with `schema`:
 * 415 UNSUPPORTED_MEDIA_TYPE, 400 BODY_TOO_LARGE, JSON_TOO_DEEP, INVALID_JSON or `codeFor(field)` (naming the field).
 */
export async function readJsonBody<T>(
  ctx: Context,
  schema: z.ZodType<T, unknown>,
  maxBytes = 65_536,
  /** @default - INVALID_BODY for every field */
  codeFor: (field: string) => string = () => 'INVALID_BODY',
): Promise<T> {
  const rule = {
    type: 'application/json',
    maxBytes,
    tooLargeCode: 'BODY_TOO_LARGE',
    sendName: 'body',
    sizeName: 'JSON body',
  };
  const text = await readSmallBody(ctx, rule);
  // Deep nesting parses, but anything that walks it later by recursion (messages, logs) would overflow the stack.
  if (nestsDeeperThan(text))
    throw new BadRequestError('JSON_TOO_DEEP', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestError('INVALID_JSON', 'The body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new BadRequestError('INVALID_JSON', 'The body must be a JSON object.');
  return parseInput(schema, parsed, codeFor, 'body');
}

/**
 * Parses request input (a body or a query) with `schema`; a mismatch is a 400 with `codeFor(field)`, naming the field.
 */
export function parseInput<T>(
  schema: z.ZodType<T, unknown>,
  input: unknown,
  codeFor: (field: string) => string,
  what: string,
): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : what;
  throw new BadRequestError(codeFor(field), `The ${what} is not as expected at ${field}: ${issue.message}.`);
}
