import { MAX_FILE_NAME_LENGTH, PAGE_LIMITS } from '@ha-uploads/files';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'A ULID. A malformed id gets 400 INVALID_FILE_ID; an unknown one 404 FILE_NOT_FOUND.',
  schema: { type: 'string', pattern: '^[0-7][0-9A-HJKMNP-TV-Z]{25}$' },
} as const;
const multipartBody = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'One part per file, all named "file".' },
          _csrf: { type: 'string', description: 'Form CSRF token (page forms only; API clients use X-CSRF-Token or no Origin).' },
        },
      },
    },
  },
} as const;
const uploadErrors = {
  '400': error('NO_FILE, INVALID_FILE_NAME, MALFORMED_MULTIPART, TOO_MANY_FILES, TOO_MANY_FIELDS, TOO_MANY_PARTS, UNEXPECTED_FIELD'),
  '403': error('CSRF_CROSS_SITE or CSRF_TOKEN_INVALID'),
  '413': error('FILE_TOO_LARGE: over MAX_UPLOAD_BYTES; nothing is stored'),
  '415': error('UNSUPPORTED_MEDIA_TYPE: not multipart/form-data'),
  '429': {
    ...error('RATE_LIMITED (uploads per minute per client or per IP) or QUOTA_EXCEEDED (bytes per day per client); answered before the body is read, nothing is stored'),
    headers: { 'Retry-After': { description: 'Seconds until the exceeded window is over', schema: { type: 'integer', minimum: 1 } } },
  },
  '503': error('STORAGE_UNAVAILABLE or CATALOG_UNAVAILABLE; nothing is stored'),
} as const;

/** The HTTP contract, served at /api/openapi.json. Other projects and their tests depend on it: keep it stable. */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'HA uploads',
    version: '1.0.0',
    description:
      'Stateless upload service: bodies in S3, metadata in DynamoDB; every instance lists every upload on the next request. ' +
      'Every response carries X-Served-By (the instance id) and X-Request-Id. Errors are {"error":{"code","message"}}. ' +
      'Wrong methods get 405 METHOD_NOT_ALLOWED with an Allow header. CSRF: unsafe requests carrying Origin or Sec-Fetch-Site ' +
      'must be same-origin and echo the csrf cookie in X-CSRF-Token (API) or the _csrf form field (pages).',
  },
  paths: {
    '/': {
      get: {
        summary: 'HTML page: upload form and the Uploaded Files list, newest first',
        parameters: [
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'error', in: 'query', description: 'Flash: the error code of the last form post', schema: { type: 'string' } },
          { name: 'uploaded', in: 'query', description: 'Flash: how many files the last form post stored', schema: { type: 'integer' } },
        ],
        responses: { '200': { description: 'The page', content: { 'text/html': {} } } },
      },
    },
    '/upload': {
      post: {
        summary: 'Form target: stores the files, then 303 to / (errors as /?error=CODE). A cross-site post gets 403.',
        requestBody: multipartBody,
        responses: { '303': { description: 'Redirect to the page' }, '403': error('CSRF_CROSS_SITE') },
      },
    },
    '/files/{id}/delete': {
      post: {
        summary: 'Form target of the page delete button (urlencoded _csrf); 303 to /',
        parameters: [idParam],
        responses: { '303': { description: 'Redirect to the page' }, '403': error('CSRF_CROSS_SITE') },
      },
    },
    '/api/files': {
      get: {
        summary: 'READY files, newest first',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: PAGE_LIMITS.max, default: PAGE_LIMITS.default },
            description: 'Out of range or not a whole number: 400 INVALID_LIMIT',
          },
          { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Opaque nextCursor; tampered: 400 INVALID_CURSOR' },
        ],
        responses: {
          '200': {
            description: 'A page',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['files', 'nextCursor'],
                  properties: {
                    files: { type: 'array', items: { $ref: '#/components/schemas/FileRecord' } },
                    nextCursor: { type: ['string', 'null'] },
                  },
                },
              },
            },
          },
          '400': error('INVALID_LIMIT or INVALID_CURSOR'),
          '503': error('CATALOG_UNAVAILABLE'),
        },
      },
      post: {
        summary: 'Upload 1..N files (all-or-nothing)',
        requestBody: multipartBody,
        responses: {
          '201': {
            description: 'Stored',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['files'],
                  properties: { files: { type: 'array', items: { $ref: '#/components/schemas/FileRecord' } } },
                },
              },
            },
          },
          ...uploadErrors,
        },
      },
    },
    '/api/files/{id}': {
      parameters: [idParam],
      get: {
        summary: 'One READY file record',
        responses: {
          '200': { description: 'The record', content: { 'application/json': { schema: { $ref: '#/components/schemas/FileRecord' } } } },
          '400': error('INVALID_FILE_ID'),
          '404': error('FILE_NOT_FOUND'),
        },
      },
      delete: {
        summary: 'Delete: hidden at once, then object and record removed; a retry finishes an interrupted delete',
        responses: { '204': { description: 'Deleted' }, '400': error('INVALID_FILE_ID'), '404': error('FILE_NOT_FOUND') },
      },
    },
    '/files/{id}': {
      parameters: [idParam],
      get: {
        summary: 'Download (always attachment, CSP sandbox, nosniff). One bytes= Range gets 206; multiple ranges or other units are ignored (200)',
        parameters: [
          { name: 'Range', in: 'header', schema: { type: 'string' } },
          { name: 'If-Range', in: 'header', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'The whole body; ETag is the quoted sha256', content: { 'application/octet-stream': {} } },
          '206': { description: 'One range, with Content-Range' },
          '400': error('INVALID_FILE_ID'),
          '404': error('FILE_NOT_FOUND'),
          '416': error('RANGE_NOT_SATISFIABLE, with Content-Range: bytes */size'),
        },
      },
    },
    '/healthz': { get: { summary: 'Liveness (the ALB health check)', responses: { '200': { description: 'Up' } } } },
    '/readyz': {
      get: {
        summary: 'Readiness: S3 and DynamoDB both answer',
        responses: { '200': { description: 'Ready' }, '503': error('NOT_READY') },
      },
    },
    '/api/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
  },
  components: {
    schemas: {
      FileRecord: {
        type: 'object',
        required: ['id', 'name', 'size', 'contentType', 'sha256', 'uploadedAt', 'uploadedBy'],
        properties: {
          id: { type: 'string', description: 'ULID' },
          name: { type: 'string', maxLength: MAX_FILE_NAME_LENGTH, description: 'NFC, no control characters or path separators' },
          size: { type: 'integer', minimum: 0 },
          contentType: { type: 'string' },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          uploadedAt: { type: 'string', format: 'date-time' },
          uploadedBy: { type: 'string', description: 'Instance that received the upload' },
        },
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;
