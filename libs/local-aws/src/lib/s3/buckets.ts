import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { type DiskLayout, readRecord, writeRecord } from './disk-layout';
import { S3Error, s3Errors } from './s3-error';

/** One rule of a bucket's CORS configuration, as PutBucketCors gives it. */
export interface CorsRule {
  readonly allowedOrigins: readonly string[];
  readonly allowedMethods: readonly string[];
  readonly allowedHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds?: number;
}

/** What the server keeps about a bucket. */
export interface BucketRecord {
  readonly created: string;
  readonly cors?: readonly CorsRule[];
}

const BUCKET_NAME = /^(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Buckets and their settings, cached in memory (this server is the only writer of its directory). */
export class BucketStore {
  private readonly cache = new Map<string, BucketRecord | undefined>();

  constructor(private readonly layout: DiskLayout) {}

  /** The bucket's record, or NoSuchBucket. */
  async get(bucket: string): Promise<BucketRecord> {
    // Checked before any path is built from it: a name is never a path.
    if (!BUCKET_NAME.test(bucket)) throw s3Errors.noSuchBucket(bucket);
    if (!this.cache.has(bucket)) this.cache.set(bucket, await readRecord<BucketRecord>(this.recordPath(bucket)));
    const record = this.cache.get(bucket);
    if (!record) throw s3Errors.noSuchBucket(bucket);
    return record;
  }

  /** Whether the bucket exists. */
  async exists(bucket: string): Promise<boolean> {
    return this.get(bucket).then(
      () => true,
      () => false,
    );
  }

  /** Creates the bucket; BucketAlreadyOwnedByYou when it exists. */
  async create(bucket: string): Promise<void> {
    if (!BUCKET_NAME.test(bucket))
      throw new S3Error(400, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: bucket });
    if (await this.exists(bucket)) {
      throw new S3Error(
        409,
        'BucketAlreadyOwnedByYou',
        'Your previous request to create the named bucket succeeded and you already own it.',
        { BucketName: bucket },
      );
    }
    await mkdir(this.layout.objectsDir(bucket), { recursive: true });
    await mkdir(this.layout.uploadsDir(bucket), { recursive: true });
    await this.save(bucket, { created: new Date().toISOString() });
  }

  /** Sets (or with undefined removes) the bucket's CORS rules. */
  async setCors(bucket: string, cors: readonly CorsRule[] | undefined): Promise<void> {
    const record = await this.get(bucket);
    await this.save(bucket, { created: record.created, ...(cors && { cors }) });
  }

  /** Every bucket's name. */
  async names(): Promise<string[]> {
    return readdir(this.layout.bucketsDir()).catch(() => [] as string[]);
  }

  private recordPath(bucket: string): string {
    return path.join(this.layout.bucketDir(bucket), 'bucket.json');
  }

  private async save(bucket: string, record: BucketRecord): Promise<void> {
    await writeRecord(this.layout, this.recordPath(bucket), record);
    this.cache.set(bucket, record);
  }
}
