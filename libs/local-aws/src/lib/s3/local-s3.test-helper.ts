import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { LOCAL_AWS_CREDENTIALS } from '@ha-uploads/config';
import { startS3Server, type RunningS3Server, type S3ServerOptions } from '../s3-server';
import { NodeSha256 } from './sigv4';

/** A local S3 on a free port with one bucket, and an SDK client signed with the local key. */
export interface LocalS3 {
  readonly server: RunningS3Server;
  readonly s3: S3Client;
  readonly bucket: string;
  readonly directory: string;
  /** Internal errors the server reported (a test expects none). */
  readonly internalErrors: unknown[];
  /** The files currently in the server's temp folder. */
  tempFiles(): Promise<string[]>;
  /** Sends a request signed by header with the local key for `body`, sending `sentBody` (default: the same). */
  signedFetch(method: string, pathAndQuery: string, body?: string, sentBody?: string): Promise<Response>;
  /** A client of this server signing with other credentials. */
  clientWith(credentials: { accessKeyId: string; secretAccessKey: string }): S3Client;
  stop(): Promise<void>;
}

/** Starts a local S3 in a fresh temp directory with a bucket named `bucket`. */
export async function startLocalS3(
  options: Partial<Pick<S3ServerOptions, 'incompleteUploadMaxAgeMs' | 'malwareScan'>> = {},
): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'local-s3-'));
  const internalErrors: unknown[] = [];
  const server = await startS3Server({
    host: '127.0.0.1',
    port: 0,
    directory,
    onInternalError: (err) => internalErrors.push(err),
    ...options,
  });
  const clientWith = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
    new S3Client({ region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true, credentials, maxAttempts: 1 });
  const s3 = clientWith(LOCAL_AWS_CREDENTIALS);
  const bucket = 'test-bucket';
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    server,
    s3,
    bucket,
    directory,
    internalErrors,
    tempFiles: () => readdir(path.join(directory, 'tmp')),
    clientWith,
    signedFetch: (method, pathAndQuery, body, sentBody) =>
      signedFetch(server.endpoint, method, pathAndQuery, body, sentBody),
    async stop() {
      s3.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

const signer = new SignatureV4({
  credentials: LOCAL_AWS_CREDENTIALS,
  region: 'us-east-1',
  service: 's3',
  sha256: NodeSha256,
  uriEscapePath: false,
});

async function signedFetch(
  endpoint: string,
  method: string,
  pathAndQuery: string,
  body = '',
  sentBody = body,
): Promise<Response> {
  const url = new URL(pathAndQuery, endpoint);
  const query = Object.fromEntries(url.searchParams);
  const headers = { host: url.host, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') };
  const signed = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query,
    headers,
    body,
  });
  return fetch(url, {
    method,
    headers: signed.headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : sentBody,
  });
}
