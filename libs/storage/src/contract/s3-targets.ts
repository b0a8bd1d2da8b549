import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { startS3Server } from '@ha-uploads/local-aws';
import { createAwsClients } from '../lib/aws-clients';
import { ensureBucketCors } from '../lib/ensure-resources';
import { contractAwsSettings } from './contract-aws-settings';

/** An S3 the behaviour contract runs against: an SDK client, a bucket, and raw HTTP for unsigned or presigned calls. */
export interface S3Target {
  /** "local" (the stand-in) or "aws". */
  readonly name: 'local' | 'aws';
  /** Signed with the target's credentials and the app's client settings (createAwsClients). */
  readonly s3: S3Client;
  readonly bucket: string;
  /** A key prefix of this run, so runs never see each other's keys. */
  readonly prefix: string;
  /** The only origin the bucket's CORS rule allows (the app's rule, DIRECT_TRANSFER_CORS). */
  readonly allowedOrigin: string;
  /** The object's URL, unsigned. */
  objectUrl(key: string): string;
  /** A client of the same S3 signing with other, made-up credentials. */
  clientWith(credentials: { accessKeyId: string; secretAccessKey: string }): S3Client;
  /** Closes what the target opened (the contract removes its own keys and uploads first). */
  stop(): Promise<void>;
}

const ALLOWED_ORIGIN = 'https://contract-page.example';

/** The local S3 in a temp directory, with a fresh bucket, for one test file. */
export async function localS3Target(): Promise<S3Target> {
  const directory = await mkdtemp(path.join(tmpdir(), 's3-contract-'));
  const server = await startS3Server({ host: '127.0.0.1', port: 0, directory });
  const config = { awsRegion: 'us-east-1', s3Endpoint: server.endpoint };
  const clients = createAwsClients(config);
  const bucket = `contract-${randomBytes(4).toString('hex')}`;
  await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await ensureBucketCors(clients.s3, bucket, [ALLOWED_ORIGIN]);
  return {
    ...targetOn('local', clients.s3, bucket, config),
    objectUrl: (key) => `${server.endpoint}/${bucket}/${encodeKey(key)}`,
    async stop() {
      clients.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The scratch bucket CONTRACT_BUCKET in CONTRACT_AWS_REGION, through the standard credential chain. */
export async function awsS3Target(): Promise<S3Target> {
  const settings = contractAwsSettings();
  const config = { awsRegion: settings.region };
  const clients = createAwsClients(config);
  await ensureBucketCors(clients.s3, settings.bucket, [ALLOWED_ORIGIN]);
  return {
    ...targetOn('aws', clients.s3, settings.bucket, config),
    objectUrl: (key) => `https://${settings.bucket}.s3.${settings.region}.amazonaws.com/${encodeKey(key)}`,
    async stop() {
      clients.destroy();
    },
  };
}

function targetOn(
  name: S3Target['name'],
  s3: S3Client,
  bucket: string,
  config: { awsRegion: string; s3Endpoint?: string },
) {
  return {
    name,
    s3,
    bucket,
    prefix: `contract/${randomBytes(6).toString('hex')}/`,
    allowedOrigin: ALLOWED_ORIGIN,
    clientWith: (credentials: { accessKeyId: string; secretAccessKey: string }) =>
      new S3Client({
        region: config.awsRegion,
        credentials,
        maxAttempts: 1,
        ...(config.s3Endpoint && { endpoint: config.s3Endpoint, forcePathStyle: true }),
      }),
  };
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/** Deletes the run's objects and aborts its uploads, so a shared scratch bucket keeps nothing. */
export async function removeEverythingUnder(target: S3Target): Promise<void> {
  const { s3, bucket, prefix } = target;
  const objects = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  await Promise.all(
    (objects.Contents ?? []).map((o) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key }))),
  );
  const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }));
  await Promise.all(
    (uploads.Uploads ?? []).map((u) =>
      s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId })),
    ),
  );
}
