import {
  MAX_PARTS,
  MAX_PARTS_PER_CALL,
  MAX_PREFERRED_PART_BYTES,
  MIN_PART_BYTES,
  PREFERRED_PART_COUNT,
} from '@ha-uploads/files';
import { partChecksumShape } from '@ha-uploads/direct-upload/shapes';
import { completeBody, createSessionBody, openApiSchema, signBody } from './upload-session-bodies';
import { arrayOfObjects, errorAnswer as error, extending, ulidIdParam } from './openapi-shapes';

const json = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const sessionId = ulidIdParam(
  'The session id (also the id of the file it becomes). Malformed: 400 INVALID_SESSION_ID.',
);
const checksum = openApiSchema(partChecksumShape);
const sessionErrors = {
  '400': error('INVALID_SESSION_ID, INVALID_JSON, INVALID_PARTS, PART_OUT_OF_RANGE, INVALID_CHECKSUM, INVALID_ETAG'),
  '403': error('NOT_OWNER: another client started this session (or CSRF_CROSS_SITE / CSRF_TOKEN_INVALID)'),
  '404': error(
    'UPLOAD_SESSION_NOT_FOUND: completed, aborted, swept or never existed; NO_SUCH_UPLOAD: S3 no longer holds its upload',
  ),
  '410': error('UPLOAD_SESSION_EXPIRED: older than its lifetime (24 hours); start again'),
  '501': error('DIRECT_UPLOADS_OFF: this app runs without an S3 multipart store'),
} as const;

/** The upload-session API's part of the OpenAPI document. */
export const UPLOAD_SESSION_PATHS = {
  '/api/uploads': {
    post: {
      summary:
        `Start a direct upload: the app creates the S3 multipart upload (SHA-256 per part, COMPOSITE) and a PENDING entry; about ${PREFERRED_PART_COUNT} parts of ${MIN_PART_BYTES} to ${MAX_PREFERRED_PART_BYTES} bytes (larger only to stay within ${MAX_PARTS} parts). ` +
        'The same owner rules and fleet-wide limits as POST /api/files apply, with the declared size charged to the byte quota.',
      requestBody: json(openApiSchema(createSessionBody)),
      responses: {
        '201': {
          description: 'The session; ownerToken once for a first-time anonymous client',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/UploadSession' } } },
        },
        '400': error('INVALID_SIZE (negative, zero or not a whole number), INVALID_FILE_NAME, INVALID_JSON'),
        '401': error('UNAUTHENTICATED: sign-in is on and no user is signed in'),
        '403': error('CSRF_CROSS_SITE or CSRF_TOKEN_INVALID'),
        '413': error('FILE_TOO_LARGE: over MAX_DIRECT_UPLOAD_BYTES; nothing is stored'),
        '415': error('UNSUPPORTED_MEDIA_TYPE: not application/json'),
        '429': error('RATE_LIMITED or QUOTA_EXCEEDED, with Retry-After'),
        '501': error('DIRECT_UPLOADS_OFF'),
      },
    },
  },
  '/api/uploads/{id}': {
    parameters: [sessionId],
    get: {
      summary:
        'Status: the parts S3 holds (ListParts), each with its ETag, size and checksum; a reloaded page sends only the others',
      responses: {
        '200': {
          description: 'The session and its stored parts',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/UploadSessionStatus' } } },
        },
        ...sessionErrors,
      },
    },
    delete: {
      summary: 'Abort (owner only): the multipart upload is aborted and the entry removed',
      responses: {
        '204': { description: 'Aborted' },
        ...sessionErrors,
        '409': error('UPLOAD_COMPLETING: a complete call holds the session'),
      },
    },
  },
  '/api/uploads/{id}/sign': {
    parameters: [sessionId],
    post: {
      summary: `Presigned PUT URLs for up to ${MAX_PARTS_PER_CALL} parts, valid 5 minutes, each bound to its part number, Content-Length and x-amz-checksum-sha256 (signed headers)`,
      requestBody: json(openApiSchema(signBody)),
      responses: {
        '200': {
          description: 'One URL per part; send the body with PUT and exactly these headers',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  parts: arrayOfObjects({
                    partNumber: { type: 'integer' },
                    url: { type: 'string' },
                    headers: { type: 'object', additionalProperties: { type: 'string' } },
                  }),
                },
              },
            },
          },
        },
        ...sessionErrors,
      },
    },
  },
  '/api/uploads/{id}/parts': {
    parameters: [sessionId],
    post: {
      deprecated: true,
      summary:
        'Removed: S3 lists the stored parts itself (see the status). A page from before still calling it is told to reload',
      responses: {
        '410': error('ENDPOINT_REMOVED: this page is out of date; reload it and choose the file again to resume'),
      },
    },
  },
  '/api/uploads/{id}/complete': {
    parameters: [sessionId],
    post: {
      summary:
        'Complete: one call at a time holds the session; CompleteMultipartUpload with If-None-Match: * and the part checksums, then the object size is read back; a size other than declared deletes the object (400 SIZE_MISMATCH)',
      requestBody: json(openApiSchema(completeBody)),
      responses: {
        '201': {
          description:
            'The READY file, with the checksum S3 reports; the same file again for a complete repeated after it succeeded',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/ListedFile' } } },
        },
        ...sessionErrors,
        '409': error(
          'UPLOAD_COMPLETING: another complete call holds the session (for up to 5 minutes); ask for the status',
        ),
        '400': error(
          'MISSING_PARTS, PARTS_MISMATCH (not what S3 holds), SIZE_MISMATCH (nothing stored), PART_OUT_OF_RANGE, INVALID_CHECKSUM, INVALID_ETAG',
        ),
      },
    },
  },
} as const;

/** The schemas the upload-session API adds. */
export const UPLOAD_SESSION_SCHEMAS = {
  UploadSession: {
    type: 'object',
    required: ['id', 'partSize', 'partCount', 'expiresAt'],
    properties: {
      id: { type: 'string' },
      partSize: { type: 'integer', minimum: MIN_PART_BYTES },
      partCount: { type: 'integer', minimum: 1, maximum: MAX_PARTS },
      expiresAt: { type: 'string', format: 'date-time' },
      ownerToken: { type: 'string', description: 'Only for a first-time anonymous client' },
    },
  },
  UploadSessionStatus: extending('UploadSession', {
    name: { type: 'string' },
    size: { type: 'integer' },
    parts: arrayOfObjects({
      partNumber: { type: 'integer' },
      etag: { type: 'string' },
      size: { type: 'integer' },
      checksum,
    }),
  }),
  FileChecksum: {
    type: 'object',
    required: ['algorithm', 'value', 'type'],
    properties: {
      algorithm: { enum: ['SHA256'] },
      value: { type: 'string', description: 'Base64; COMPOSITE values end in -<parts>' },
      type: { enum: ['COMPOSITE', 'FULL_OBJECT'] },
    },
  },
} as const;
