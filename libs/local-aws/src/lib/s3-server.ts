import { createServer } from 'node:http';
import { INCOMPLETE_MULTIPART_UPLOAD_DAYS, LOCAL_AWS_CREDENTIALS, LOCAL_SCANNER_CREDENTIALS } from '@ha-uploads/config';
import { closeServer, listen } from '@ha-uploads/process';
import { endpointUrl, type RunningServer } from './local-server';
import { BucketStore } from './s3/buckets';
import { DiskLayout } from './s3/disk-layout';
import { startSweeping, sweepIncompleteUploads } from './s3/incomplete-upload-sweeper';
import { ObjectStore, type ObjectCreatedListener } from './s3/object-store';
import type { S3State } from './s3/s3-context';
import { s3RequestHandler } from './s3/s3-handler';
import type { ScanGate } from './s3/scan-gate';
import { UploadStore } from './s3/upload-store';

/** What the local S3 enforces for a bucket that malware scanning covers. */
export interface ScannedBucketOptions {
  readonly bucket: string;
  /** Whether an UNSUPPORTED verdict (a file the scanner cannot scan) may be downloaded. */
  readonly unscannable: 'block' | 'allow';
}

/** Settings of the local S3 server. */
export interface S3ServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Directory that persists buckets, objects and uploads in progress. */
  readonly directory: string;
  /**
   * Age after which an incomplete multipart upload and its parts are removed (AWS: the bucket's lifecycle rule).
   * @default - INCOMPLETE_MULTIPART_UPLOAD_DAYS, as infra deploys it
   */
  readonly incompleteUploadMaxAgeMs?: number;
  /** Reports a failure that is the server's fault (answered as InternalError). @default - ignored */
  readonly onInternalError?: (err: unknown) => void;
  /**
   * Enforces the malware-scan bucket policy (docs/malware-scan.md, "Bucket policy") on this bucket.
   * @default - no bucket policy: every signed request is allowed
   */
  readonly malwareScan?: ScannedBucketOptions;
}

/** A running local S3, which tells listeners of the objects it creates (as S3's ObjectCreated events do). */
export interface RunningS3Server extends RunningServer {
  /** Calls `listener` after every object PutObject or CompleteMultipartUpload creates; returns its unsubscribe. */
  onObjectCreated(listener: ObjectCreatedListener): () => void;
}

const DAY_MS = 24 * 3600 * 1000;
/** Request headers beyond this are refused with 431 before any handler runs. */
const MAX_HEADER_BYTES = 16 * 1024;

/** Starts the local S3: SigV4-verified, path-style, persisted under `directory`. */
export async function startS3Server(options: S3ServerOptions): Promise<RunningS3Server> {
  const layout = new DiskLayout(options.directory);
  await layout.prepare();
  const state: S3State = {
    layout,
    buckets: new BucketStore(layout),
    objects: new ObjectStore(layout),
    uploads: new UploadStore(layout),
    ...(options.malwareScan && { scanGate: scanGateOf(options.malwareScan) }),
  };
  const maxAgeMs = options.incompleteUploadMaxAgeMs ?? INCOMPLETE_MULTIPART_UPLOAD_DAYS * DAY_MS;
  await sweepIncompleteUploads(state, maxAgeMs);
  const sweeper = startSweeping(state, maxAgeMs, Math.max(1000, Math.min(maxAgeMs, 3600_000)));
  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES },
    s3RequestHandler({
      state,
      credentials: [LOCAL_AWS_CREDENTIALS, LOCAL_SCANNER_CREDENTIALS],
      onInternalError: options.onInternalError,
    }),
  );
  // A socket-level error (a malformed request line, a reset) answers or drops that connection only.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  let port: number;
  try {
    port = await listen(server, options.port, options.host);
  } catch (err) {
    sweeper.stop();
    throw err;
  }
  return {
    endpoint: endpointUrl(options.host, port),
    port,
    onObjectCreated: (listener) => state.objects.onCreated(listener),
    async close() {
      sweeper.stop();
      await closeServer(server);
    },
  };
}

/** The bucket policy of a scanned bucket, with the local principals. */
function scanGateOf(options: ScannedBucketOptions): ScanGate {
  return {
    bucket: options.bucket,
    readableVerdicts: options.unscannable === 'allow' ? ['NO_THREATS_FOUND', 'UNSUPPORTED'] : ['NO_THREATS_FOUND'],
    scannerAccessKeyId: LOCAL_SCANNER_CREDENTIALS.accessKeyId,
    appAccessKeyId: LOCAL_AWS_CREDENTIALS.accessKeyId,
  };
}
