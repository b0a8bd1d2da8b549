const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Defaults of the direct-to-S3 transfers, read by the deployment config and the webapp's schema. */
export const DIRECT_TRANSFER_DEFAULTS = {
  /** Largest file the upload-session API accepts. */
  maxDirectUploadBytes: 5 * GiB,
  /** Files at least this large go straight to S3 when the page's JavaScript runs. */
  directUploadMinBytes: 16 * MiB,
  /** Downloads at least this large answer 302 to a presigned S3 GET; 0 turns redirects off. */
  directDownloadMinBytes: 16 * MiB,
} as const;

/** S3's largest object, the upper bound of every size setting. */
export const MAX_OBJECT_BYTES = 5 * 1024 * GiB;

/** Key prefix of every file body in the files bucket; IAM scopes the multipart actions to it. */
export const FILE_OBJECT_KEY_PREFIX = 'files/';

/** The direct-transfer settings infra passes to the instances, as environment variables. */
export function directTransferEnvironment(settings: {
  maxDirectUploadBytes: number;
  directUploadMinBytes: number;
  directDownloadMinBytes: number;
  /**
   * The app's public origin (`https://uploads.example.com`, `http://<alb dns>`): the only origin the bucket's CORS rule
   * allows.
   */
  publicOrigin: string;
}): Record<string, string> {
  return {
    MAX_DIRECT_UPLOAD_BYTES: String(settings.maxDirectUploadBytes),
    DIRECT_UPLOAD_MIN_BYTES: String(settings.directUploadMinBytes),
    DIRECT_DOWNLOAD_MIN_BYTES: String(settings.directDownloadMinBytes),
    PUBLIC_ORIGIN: settings.publicOrigin,
  };
}

/** The files bucket's CORS rule apart from its origin: what a page may send to and read from S3 directly. */
export const DIRECT_TRANSFER_CORS = {
  allowedMethods: ['PUT', 'GET'],
  /**
   * Request headers a presigned part PUT may carry (content type, MD5, and the x-amz-checksum-* and x-amz-sdk-* ones).
   */
  allowedHeaders: ['content-type', 'content-md5', 'x-amz-*'],
  /** Response headers the page may read: the part's ETag and every checksum S3 can return. */
  exposeHeaders: [
    'ETag',
    'x-amz-checksum-crc32',
    'x-amz-checksum-crc32c',
    'x-amz-checksum-sha1',
    'x-amz-checksum-sha256',
    'x-amz-checksum-crc64nvme',
  ],
  maxAgeSeconds: 3600,
} as const;
