import { MAX_FILE_NAME_LENGTH, PAGE_LIMITS } from '@ha-uploads/files';
import { OWNER_PATHS } from './openapi-owner';
import { OWNER_COOKIE } from '../http/owner-cookie';
import { UPLOAD_SESSION_PATHS, UPLOAD_SESSION_SCHEMAS } from './openapi-upload-sessions';
import { errorAnswer as error, extending, ulidIdParam } from './openapi-shapes';

const idParam = ulidIdParam('A ULID. A malformed id gets 400 INVALID_FILE_ID; an unknown one 404 FILE_NOT_FOUND.');
/** The page size and cursor of a listing. */
const pageLimit = {
  name: 'limit',
  in: 'query',
  schema: { type: 'integer', minimum: 1, maximum: PAGE_LIMITS.max, default: PAGE_LIMITS.default },
};
const pageCursor = {
  name: 'cursor',
  in: 'query',
  schema: { type: 'string' },
  description: 'Opaque nextCursor; tampered: 400 INVALID_CURSOR',
};
/** A page of files of the component `item`, with the cursor of the next page. */
const pageAnswer = (description: string, item: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['files', 'nextCursor'],
        properties: {
          files: { type: 'array', items: { $ref: `#/components/schemas/${item}` } },
          nextCursor: { type: ['string', 'null'] },
        },
      },
    },
  },
});
const multipartBody = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: {
            type: 'array',
            items: { type: 'string', format: 'binary' },
            description: 'One part per file, all named "file".',
          },
          _csrf: {
            type: 'string',
            description: 'Form CSRF token (page forms only; API clients use X-CSRF-Token or no Origin).',
          },
        },
      },
    },
  },
} as const;
const identityErrors = {
  '401': error(
    'INVALID_TOKEN (a Bearer token that is neither an owner secret nor the admin token), IDENTITY_INVALID or IDENTITY_EXPIRED (x-amzn-oidc-data with sign-in on)',
  ),
} as const;
const ownerErrors = {
  ...identityErrors,
  '400': error('INVALID_FILE_ID'),
  '403': error('NOT_OWNER: neither the owner nor an admin; nothing changed (or CSRF_CROSS_SITE / CSRF_TOKEN_INVALID)'),
  '404': error('FILE_NOT_FOUND'),
} as const;
/** Every route accepts these; none is required to read. */
const credentials = [{}, { ownerCookie: [] }, { ownerToken: [] }, { adminToken: [] }, { albSignIn: [] }];
const formTarget = (summary: string) => ({
  post: {
    summary,
    parameters: [idParam],
    security: credentials,
    responses: {
      '303': { description: 'Redirect to the page; the outcome shows once (flash cookie)' },
      '401': error('IDENTITY_INVALID'),
      '403': error('NOT_OWNER (an HTML page) or CSRF_CROSS_SITE'),
    },
  },
});
const uploadErrors = {
  '400': error(
    'NO_FILE, INVALID_FILE_NAME, MALFORMED_MULTIPART, TOO_MANY_FILES, TOO_MANY_FIELDS, TOO_MANY_PARTS, UNEXPECTED_FIELD',
  ),
  '401': error(
    'UNAUTHENTICATED: sign-in is on and no user is signed in; or INVALID_TOKEN, IDENTITY_INVALID, IDENTITY_EXPIRED',
  ),
  '403': error('CSRF_CROSS_SITE or CSRF_TOKEN_INVALID'),
  '413': error('FILE_TOO_LARGE: over MAX_UPLOAD_BYTES; nothing is stored'),
  '415': error('UNSUPPORTED_MEDIA_TYPE: not multipart/form-data'),
  '429': {
    ...error(
      'RATE_LIMITED (uploads per minute per client or per IP) or QUOTA_EXCEEDED (bytes per day per client); answered before the body is read, nothing is stored',
    ),
    headers: {
      'Retry-After': {
        description: 'Seconds until the exceeded window is over',
        schema: { type: 'integer', minimum: 1 },
      },
    },
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
      'must be same-origin and echo the csrf cookie in X-CSRF-Token (API) or the _csrf form field (pages). ' +
      'Ownership: listing and downloading are public; deleting, restoring and purging need the owner or an admin (else 403 NOT_OWNER). ' +
      'Anonymous clients become owners on their first upload (or POST /api/owner): the response sets the owner cookie and returns ownerToken once; ' +
      'clients without cookies send it as Authorization: Bearer <ownerToken> from then on. With sign-in at the load balancer, ' +
      'the owner is the signed-in user and uploads need one. Deleted files stay restorable for DELETE_RETENTION_HOURS.',
  },
  security: credentials,
  paths: {
    '/': {
      get: {
        summary: 'HTML page: upload form and the Uploaded Files list, newest first',
        parameters: [
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          {
            name: 'error',
            in: 'query',
            description: 'An error code to show (form posts use the one-time flash cookie instead)',
            schema: { type: 'string' },
          },
          {
            name: 'uploaded',
            in: 'query',
            description: 'How many files the browser client just stored (it strips this from the URL)',
            schema: { type: 'integer' },
          },
        ],
        responses: { '200': { description: 'The page', content: { 'text/html': {} } } },
      },
    },
    '/upload': {
      post: {
        summary:
          "Form target: stores the files as the client's own, then 303 to / (the outcome shows once). A cross-site post gets 403.",
        requestBody: multipartBody,
        responses: { '303': { description: 'Redirect to the page' }, '403': error('CSRF_CROSS_SITE') },
      },
    },
    '/files/{id}/delete': formTarget(
      'Form target of the page delete button (urlencoded _csrf): moves the file to Recently deleted',
    ),
    '/files/{id}/restore': formTarget('Form target of Undo and Restore (urlencoded _csrf)'),
    '/files/{id}/purge': formTarget('Form target of Delete forever (urlencoded _csrf)'),
    '/sign-out': {
      post: {
        summary:
          'Ends the ALB session (expires AWSELBAuthSessionCookie-0..3), then 303 to AUTH_SIGN_OUT_URL (the IdP logout) or /',
        responses: { '303': { description: 'To the IdP logout' }, '403': error('CSRF_TOKEN_INVALID') },
      },
    },
    '/api/trash': {
      get: {
        summary:
          "Recently deleted: the caller's own deleted files, everyone's for an admin, newest delete first, one page",
        parameters: [pageLimit, pageCursor],
        responses: {
          '200': pageAnswer('The trash', 'TrashedFile'),
          ...identityErrors,
        },
      },
    },
    '/api/trash/{id}/restore': {
      parameters: [idParam],
      post: {
        summary: 'Restore a deleted file: same id, name and bytes (a repeat answers the same)',
        responses: {
          '200': {
            description: 'Listed again',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/FileRecord' } } },
          },
          ...ownerErrors,
          '404': error('FILE_NOT_FOUND, or RESTORE_EXPIRED past DELETE_RETENTION_HOURS'),
        },
      },
    },
    '/api/trash/{id}': {
      parameters: [idParam],
      delete: {
        summary: 'Delete forever (a listed or a deleted file): body and record are removed now',
        responses: { '204': { description: 'Gone' }, ...ownerErrors },
      },
    },
    '/api/files': {
      get: {
        summary: 'READY files, newest first',
        parameters: [
          { ...pageLimit, description: 'Out of range or not a whole number: 400 INVALID_LIMIT' },
          pageCursor,
        ],
        responses: {
          '200': pageAnswer('A page', 'ListedFile'),
          '400': error('INVALID_LIMIT or INVALID_CURSOR'),
          '503': error('CATALOG_UNAVAILABLE'),
        },
      },
      post: {
        summary:
          'Upload 1..N files (all-or-nothing), owned by the caller; a caller without identity becomes an owner here',
        requestBody: multipartBody,
        responses: {
          '201': {
            description: 'Stored. Sets the owner cookie when the caller had no identity.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['files'],
                  properties: {
                    files: { type: 'array', items: { $ref: '#/components/schemas/ListedFile' } },
                    ownerToken: {
                      type: 'string',
                      pattern: '^[A-Za-z0-9_-]{43}$',
                      description:
                        'Only when this upload created the identity: the owner secret, returned this once. Send it as Authorization: Bearer to delete or restore.',
                    },
                  },
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
        summary: 'One READY file as the caller sees it (poll it while its scan is pending; see docs/malware-scan.md)',
        responses: {
          '200': {
            description: 'The file',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ListedFile' } } },
          },
          '400': error('INVALID_FILE_ID'),
          '404': error('FILE_NOT_FOUND'),
        },
      },
      delete: {
        summary:
          'Delete (owner or admin): hidden from every instance at once, restorable for DELETE_RETENTION_HOURS; a retry succeeds',
        responses: { '204': { description: 'Deleted' }, ...ownerErrors },
      },
    },
    ...UPLOAD_SESSION_PATHS,
    ...OWNER_PATHS,
    '/files/{id}': {
      parameters: [idParam],
      get: {
        summary:
          'Download (always attachment, CSP sandbox, nosniff). One bytes= Range gets 206; multiple ranges or other units are ignored (200)',
        parameters: [
          { name: 'Range', in: 'header', schema: { type: 'string' } },
          { name: 'If-Range', in: 'header', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'The whole body; ETag is the quoted sha256',
            content: { 'application/octet-stream': {} },
          },
          '206': { description: 'One range, with Content-Range' },
          '302': {
            description:
              'At or above DIRECT_DOWNLOAD_MIN_BYTES (unless 0), once scanned: Location is a presigned S3 GET (5 minutes) with response-content-disposition (attachment, RFC 6266 name) and response-content-type',
          },
          '400': error('INVALID_FILE_ID'),
          '403': error(
            'FILE_INFECTED or FILE_UNSCANNABLE (its owner and admins; to anyone else the file does not exist)',
          ),
          '409': error('SCAN_PENDING, with Retry-After: only its owner and admins may download a file being scanned'),
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
    '/assets/app.css': {
      get: {
        summary: "The page's stylesheet. With ?v=<content hash> (the URL the page links) it is cacheable for a year",
        parameters: [{ name: 'v', in: 'query', schema: { type: 'string' } }],
        responses: { '200': { description: 'The stylesheet', content: { 'text/css': {} } } },
      },
    },
    '/assets/app.js': {
      get: {
        summary:
          "The page's browser module (drag and drop, progress, retries); 404 NOT_FOUND when the build carries none",
        parameters: [{ name: 'v', in: 'query', schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The script', content: { 'application/javascript': {} } },
          '404': error('NOT_FOUND: no browser module in this build; the page works as a plain form'),
        },
      },
    },
  },
  components: {
    securitySchemes: {
      ownerCookie: {
        type: 'apiKey',
        in: 'cookie',
        name: OWNER_COOKIE.secure,
        description: `The anonymous owner secret, set by the first upload (HttpOnly, SameSite=Lax, 400 days); \`${OWNER_COOKIE.plain}\` over plain HTTP. Sent twice: 400 OWNER_COOKIE_CONFLICT`,
      },
      ownerToken: {
        type: 'http',
        scheme: 'bearer',
        description: 'The same owner secret for clients without cookies: the ownerToken an upload returned once',
      },
      adminToken: {
        type: 'http',
        scheme: 'bearer',
        description: "The operator's admin token, whose SHA-256 is ADMIN_TOKEN_SHA256",
      },
      albSignIn: {
        type: 'apiKey',
        in: 'header',
        name: 'x-amzn-oidc-data',
        description:
          'Set by the ALB after sign-in (AUTH_MODE=alb) and verified (ES256, signer, issuer, expiry); ignored otherwise',
      },
    },
    schemas: {
      ...UPLOAD_SESSION_SCHEMAS,
      ListedFile: extending('FileRecord', {
        yours: { type: 'boolean', description: 'The caller owns it' },
        canDelete: { type: 'boolean', description: 'The caller may delete it (its owner, or an admin)' },
      }),
      TrashedFile: extending('ListedFile', {
        deletedAt: { type: 'string', format: 'date-time' },
        restorableUntil: { type: 'string', format: 'date-time' },
      }),
      FileRecord: {
        type: 'object',
        required: ['id', 'name', 'size', 'contentType', 'sha256', 'uploadedAt', 'uploadedBy'],
        properties: {
          id: { type: 'string', description: 'ULID' },
          name: {
            type: 'string',
            maxLength: MAX_FILE_NAME_LENGTH,
            description: 'NFC, no control characters or path separators',
          },
          size: { type: 'integer', minimum: 0 },
          contentType: { type: 'string' },
          sha256: {
            type: 'string',
            pattern: '^([0-9a-f]{64})?$',
            description:
              'Hex SHA-256 of files streamed through the app; empty for direct uploads, which carry checksum',
          },
          checksum: { $ref: '#/components/schemas/FileChecksum' },
          uploadedAt: { type: 'string', format: 'date-time' },
          uploadedBy: { type: 'string', description: 'Instance that received the upload' },
          scan: {
            type: 'string',
            enum: ['pending', 'clean', 'infected', 'unscannable'],
            description: 'The malware scan (docs/malware-scan.md)',
          },
          scanDetail: {
            type: 'string',
            description: 'Why the scan held it back: threat names, or the scanner status; its owner and admins only',
          },
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
