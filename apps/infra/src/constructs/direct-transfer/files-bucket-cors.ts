import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { Construct } from 'constructs';
import { DIRECT_TRANSFER_CORS } from '@ha-uploads/config';

/**
 * Response headers the browser may read: the part's ETag and every checksum S3 can return (shared with the local
 * bucket).
 */
export const EXPOSED_HEADERS = DIRECT_TRANSFER_CORS.exposeHeaders;

/**
 * Request headers a presigned part PUT may carry (content type, MD5, and the x-amz-checksum-* and x-amz-sdk-* ones).
 */
export const ALLOWED_HEADERS = DIRECT_TRANSFER_CORS.allowedHeaders;

/** Props for {@link FilesBucketCors}. */
export interface FilesBucketCorsProps {
  /** The files bucket's name. */
  readonly bucket: string;
  /** The app's public origin (`https://uploads.example.com`): the only origin allowed. */
  readonly allowedOrigin: string;
  /**
   * Seconds a browser may cache a preflight answer (each presigned URL is its own cache entry).
   * @default 3600
   */
  readonly maxAgeSeconds?: number;
}

/** Lets the app's own page PUT presigned parts to, and GET objects from, the files bucket, and nobody else's page. */
export class FilesBucketCors extends Construct {
  public readonly configuration: S3BucketCorsConfiguration;

  constructor(scope: Construct, id: string, props: FilesBucketCorsProps) {
    super(scope, id);
    if (props.allowedOrigin === '*' || /[\s/]$/.test(props.allowedOrigin)) {
      throw new Error(
        `cors origin must be one scheme://host origin without a trailing slash, got ${JSON.stringify(props.allowedOrigin)}`,
      );
    }
    const maxAgeSeconds = props.maxAgeSeconds ?? DIRECT_TRANSFER_CORS.maxAgeSeconds;
    if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 0) {
      throw new RangeError(`cors max age must be a whole number of seconds >= 0, got ${maxAgeSeconds}`);
    }
    this.configuration = new S3BucketCorsConfiguration(this, 'cors', {
      bucket: props.bucket,
      corsRule: [
        {
          id: 'direct-transfers-from-the-app',
          allowedOrigins: [props.allowedOrigin],
          allowedMethods: [...DIRECT_TRANSFER_CORS.allowedMethods],
          allowedHeaders: [...ALLOWED_HEADERS],
          exposeHeaders: [...EXPOSED_HEADERS],
          maxAgeSeconds,
        },
      ],
    });
  }
}
