import { crc32 } from 'node:zlib';

/** A DynamoDB JSON request body, as parsed. */
export type JsonObject = Record<string, unknown>;

/** An answer to one DynamoDB request: status, JSON body and any headers to pass on. */
export interface DynamoDbReply {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string | string[] | undefined>>;
}

const SERVICE_ERROR_PREFIX = 'com.amazonaws.dynamodb.v20120810#';
const CORAL_ERRORS = new Set(['ValidationException', 'SerializationException', 'MissingAuthenticationTokenException']);

/** A 200 reply carrying `payload`. */
export function okReply(payload: JsonObject): DynamoDbReply {
  return { status: 200, body: JSON.stringify(payload) };
}

/** An error reply in DynamoDB's JSON shape, which the SDK maps to the exception named `type`. */
export function errorReply(type: string, message: string, extra: JsonObject = {}, status = 400): DynamoDbReply {
  const prefix =
    type === 'ValidationException'
      ? 'com.amazon.coral.validate#'
      : CORAL_ERRORS.has(type)
        ? 'com.amazon.coral.service#'
        : SERVICE_ERROR_PREFIX;
  return { status, body: JSON.stringify({ __type: `${prefix}${type}`, message, ...extra }) };
}

/** The exception name of an error reply (`ConditionalCheckFailedException`), or undefined for a success. */
export function errorType(reply: DynamoDbReply): string | undefined {
  if (reply.status < 300) return undefined;
  const type = (parseObject(reply.body)?.['__type'] as string | undefined) ?? 'InternalServerError';
  return type.slice(type.lastIndexOf('#') + 1);
}

/** The JSON object in `text`, or undefined when it is not one. */
export function parseObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** The headers DynamoDB sends with a JSON body (the SDK may check the CRC32). */
export function replyHeaders(body: string): Record<string, string> {
  return { 'content-type': 'application/x-amz-json-1.0', 'x-amz-crc32': String(crc32(body)) };
}
