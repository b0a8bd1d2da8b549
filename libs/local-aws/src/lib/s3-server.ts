// Projects compile this file through the path alias, so the vendor typings must travel with it.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./vendor-modules.d.ts" />
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import S3rver from 's3rver';
import { closeServer, listen } from '@ha-uploads/process';
import { endpointUrl, type RunningServer } from './local-server';

/** Settings of a local S3-compatible server. */
export interface S3ServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Directory that persists buckets and objects (s3rver always needs one). */
  readonly directory: string;
}

/** Starts s3rver, silently, with path-style addressing only. */
export async function startS3Server(options: S3ServerOptions): Promise<RunningServer> {
  await mkdir(options.directory, { recursive: true });
  const s3rver = new S3rver({
    directory: options.directory,
    silent: true,
    // Bucket-as-subdomain would need DNS tricks; clients use forcePathStyle instead.
    vhostBuckets: false,
  });
  // Our own server rather than s3rver.run(), which never settles when the port is taken.
  const server = createServer(s3rver.callback());
  const releaseLogger = () => {
    s3rver.logger.exceptions.unhandle();
    s3rver.logger.close();
  };
  let port: number;
  try {
    port = await listen(server, options.port, options.host);
  } catch (err) {
    releaseLogger();
    throw err;
  }
  return {
    endpoint: endpointUrl(options.host, port),
    port,
    async close() {
      await closeServer(server);
      releaseLogger();
    },
  };
}
