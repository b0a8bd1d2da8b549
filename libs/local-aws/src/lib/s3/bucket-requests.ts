import type { CorsRule } from './buckets';
import { sendEmpty, sendXml } from './respond';
import { readXmlBody, type S3Request } from './s3-context';
import { S3Error, s3Errors } from './s3-error';
import { manyOf, textOf } from './xml';

const CORS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

/** CreateBucket (any location constraint body is read and verified, then ignored: one local region). */
export async function createBucket(request: S3Request): Promise<void> {
  if (request.req.headers['content-length'] !== undefined && request.req.headers['content-length'] !== '0') {
    await readXmlBody(request, 'CreateBucketConfiguration');
  }
  await request.state.buckets.create(request.bucket);
  sendEmpty(request.res, 200, { location: `/${request.bucket}` });
}

/** HeadBucket: 200, or 404 without a body. */
export async function headBucket(request: S3Request): Promise<void> {
  if (!(await request.state.buckets.exists(request.bucket))) throw new S3Error(404, 'NotFound', 'Not Found');
  sendEmpty(request.res, 200);
}

/** PutBucketCors: validates and stores the rules that preflights and responses are checked against. */
export async function putBucketCors(request: S3Request): Promise<void> {
  await request.state.buckets.get(request.bucket);
  const doc = await readXmlBody(request, 'CORSConfiguration');
  const rules = manyOf(doc, 'CORSRule').map(parseRule);
  if (rules.length === 0 || rules.length > 100) throw s3Errors.malformedXml();
  await request.state.buckets.setCors(request.bucket, rules);
  sendEmpty(request.res, 200);
}

/** GetBucketCors: the stored rules, or NoSuchCORSConfiguration. */
export async function getBucketCors(request: S3Request): Promise<void> {
  const record = await request.state.buckets.get(request.bucket);
  if (!record.cors)
    throw new S3Error(404, 'NoSuchCORSConfiguration', 'The CORS configuration does not exist', {
      BucketName: request.bucket,
    });
  sendXml(request.res, 'CORSConfiguration', {
    CORSRule: record.cors.map((r) => ({
      AllowedHeader: r.allowedHeaders,
      AllowedMethod: r.allowedMethods,
      AllowedOrigin: r.allowedOrigins,
      ExposeHeader: r.exposeHeaders,
      ...(r.maxAgeSeconds !== undefined && { MaxAgeSeconds: r.maxAgeSeconds }),
    })),
  });
}

/** DeleteBucketCors. */
export async function deleteBucketCors(request: S3Request): Promise<void> {
  await request.state.buckets.setCors(request.bucket, undefined);
  sendEmpty(request.res, 204);
}

function parseRule(rule: unknown): CorsRule {
  const texts = (name: string) => manyOf(rule, name).map((v) => (typeof v === 'string' ? v : ''));
  const allowedMethods = texts('AllowedMethod');
  const allowedOrigins = texts('AllowedOrigin');
  if (allowedOrigins.length === 0 || allowedMethods.length === 0) throw s3Errors.malformedXml();
  const bad = allowedMethods.find((m) => !CORS_METHODS.includes(m));
  if (bad) throw s3Errors.invalidRequest(`Found unsupported HTTP method in CORS config. Unsupported method is ${bad}`);
  const maxAge = textOf(rule, 'MaxAgeSeconds');
  return {
    allowedOrigins,
    allowedMethods,
    allowedHeaders: texts('AllowedHeader'),
    exposeHeaders: texts('ExposeHeader'),
    ...(maxAge !== undefined && { maxAgeSeconds: Number(maxAge) }),
  };
}
