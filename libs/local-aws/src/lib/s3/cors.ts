import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BucketStore, CorsRule } from './buckets';
import { sendEmpty } from './respond';
import { S3Error } from './s3-error';

/** Whether `value` matches a CORS pattern with at most one `*` wildcard, case-insensitively for headers. */
function matches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const [p, v] = ignoreCase ? [pattern.toLowerCase(), value.toLowerCase()] : [pattern, value];
  const star = p.indexOf('*');
  if (star === -1) return p === v;
  return v.length >= p.length - 1 && v.startsWith(p.slice(0, star)) && v.endsWith(p.slice(star + 1));
}

/** The request headers a CORS answer depends on. */
const VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';

/** One CORS step of a request to `bucket`, with the bucket's rules at hand. */
type CorsStep = (req: IncomingMessage, res: ServerResponse, buckets: BucketStore, bucket: string) => Promise<void>;

function ruleFor(
  rules: readonly CorsRule[],
  origin: string,
  method: string,
  requestHeaders: readonly string[],
): CorsRule | undefined {
  return rules.find(
    (rule) =>
      rule.allowedOrigins.some((o) => matches(o, origin, false)) &&
      rule.allowedMethods.includes(method) &&
      requestHeaders.every((h) => rule.allowedHeaders.some((a) => matches(a, h, true))),
  );
}

/** Answers an OPTIONS preflight from the bucket's CORS rules, unauthenticated, as S3 does. */
export const answerPreflight: CorsStep = async (req, res, buckets, bucket) => {
  const origin = req.headers.origin;
  const method = req.headers['access-control-request-method'];
  if (!origin || typeof method !== 'string') {
    throw new S3Error(400, 'BadRequest', 'Insufficient information. Origin request header needed.');
  }
  const record = await buckets.get(bucket);
  if (!record.cors) throw new S3Error(403, 'AccessForbidden', 'CORSResponse: CORS is not enabled for this bucket.');
  const requested = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const rule = ruleFor(record.cors, origin, method, requested);
  if (!rule)
    throw new S3Error(
      403,
      'AccessForbidden',
      "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
    );
  sendEmpty(res, 200, {
    ...allowOrigin(rule, origin),
    'access-control-allow-methods': rule.allowedMethods.join(', '),
    ...(requested.length > 0 && { 'access-control-allow-headers': requested.join(', ') }),
    ...(rule.exposeHeaders.length > 0 && { 'access-control-expose-headers': rule.exposeHeaders.join(', ') }),
    ...(rule.maxAgeSeconds !== undefined && { 'access-control-max-age': rule.maxAgeSeconds }),
    vary: VARY,
  });
};

/** Sets the CORS response headers of an actual request whose origin and method a rule allows; nothing otherwise. */
export const applyCors: CorsStep = async (req, res, buckets, bucket) => {
  const origin = req.headers.origin;
  if (!origin || !bucket) return;
  const record = await buckets.get(bucket).catch(() => undefined);
  const rule = record?.cors && ruleFor(record.cors, origin, req.method ?? '', []);
  if (!rule) return;
  const headers = {
    ...allowOrigin(rule, origin),
    ...(rule.exposeHeaders.length > 0 && { 'access-control-expose-headers': rule.exposeHeaders.join(', ') }),
  };
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('vary', VARY);
};

function allowOrigin(rule: CorsRule, origin: string): Record<string, string> {
  // A rule for any origin answers `*` and never allows credentials, as S3 does.
  if (rule.allowedOrigins.includes('*')) return { 'access-control-allow-origin': '*' };
  return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' };
}
