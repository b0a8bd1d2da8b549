import { createBucket, deleteBucketCors, getBucketCors, headBucket, putBucketCors } from './bucket-requests';
import { listObjectsV2, listUploads } from './listing';
import { abortUpload, completeUpload, createUpload, listParts, uploadPart } from './multipart';
import { deleteObject, getObject, putObject } from './objects';
import type { S3Request } from './s3-context';
import { s3Errors } from './s3-error';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from './tagging';

type Handler = (request: S3Request) => Promise<void>;

/** Sub-resources this server answers; any other is NotImplemented rather than a silently wrong answer. */
const BUCKET_ROUTES: Record<string, Handler | undefined> = {
  'PUT ': createBucket,
  'HEAD ': headBucket,
  'GET list-type': listObjectsV2,
  'GET uploads': listUploads,
  'GET cors': getBucketCors,
  'PUT cors': putBucketCors,
  'DELETE cors': deleteBucketCors,
};

const OBJECT_ROUTES: Record<string, Handler | undefined> = {
  'PUT ': putObject,
  'GET ': (r) => getObject(r, true),
  'HEAD ': (r) => getObject(r, false),
  'DELETE ': deleteObject,
  'POST uploads': createUpload,
  'PUT uploadId': uploadPart,
  'GET uploadId': listParts,
  'POST uploadId': completeUpload,
  'DELETE uploadId': abortUpload,
  'GET tagging': getObjectTagging,
  'PUT tagging': putObjectTagging,
  'DELETE tagging': deleteObjectTagging,
};

/** Query parameters that pick an operation (the others are its arguments). */
const SUBRESOURCES = ['list-type', 'uploads', 'cors', 'uploadId', 'tagging'];

/** The handler of a request's method, target (bucket or object) and sub-resource. */
export function route(method: string, hasKey: boolean, query: Readonly<Record<string, unknown>>): Handler {
  const subresource = SUBRESOURCES.find((name) => name in query) ?? '';
  const known = [
    'acl',
    'versioning',
    'policy',
    'lifecycle',
    'location',
    'versions',
    'website',
    'delete',
    'restore',
    'select',
    'attributes',
  ];
  const unsupported = known.find((name) => name in query);
  if (unsupported) throw s3Errors.notImplemented(`?${unsupported}`);
  const handler = (hasKey ? OBJECT_ROUTES : BUCKET_ROUTES)[`${method} ${subresource}`];
  if (!handler) {
    if (!hasKey && method === 'GET' && subresource === '')
      throw s3Errors.notImplemented('ListObjects (v1); use list-type=2');
    throw s3Errors.notImplemented(`${method} ${subresource || (hasKey ? 'object' : 'bucket')}`);
  }
  return handler;
}
