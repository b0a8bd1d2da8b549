import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import type { BucketStore } from './buckets';
import type { DiskLayout } from './disk-layout';
import type { ObjectStore } from './object-store';
import { receivePayload, type PayloadOptions, type VerifiedPayload } from './payload';
import { S3Error } from './s3-error';
import type { ScanGate } from './scan-gate';
import type { VerifiedSignature } from './sigv4';
import type { UploadStore } from './upload-store';
import { parseXmlRequest } from './xml';

/** The server's state, shared by every handler. */
export interface S3State {
  readonly layout: DiskLayout;
  readonly buckets: BucketStore;
  readonly objects: ObjectStore;
  readonly uploads: UploadStore;
  /** The bucket policy of a malware-scanned bucket; absent when scanning is off. */
  readonly scanGate?: ScanGate;
}

/** One authenticated request, addressed path-style (`/<bucket>/<key>`). */
export interface S3Request {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly bucket: string;
  /** The decoded key; empty for bucket requests. */
  readonly key: string;
  readonly query: Readonly<Record<string, string | string[]>>;
  readonly signature: VerifiedSignature;
  readonly state: S3State;
}

/** A small request body (an XML document) is at most this large. */
const MAX_XML_BYTES = 1024 * 1024;

/** A query parameter's single value. */
export function queryParam(request: S3Request, name: string): string | undefined {
  const value = request.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A request header's single value. */
export function header(request: S3Request, name: string): string | undefined {
  const value = request.req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Receives the verified body into a temp file and hands its path to `commit`; the temp file is removed unless
 * `commit` moved it into place, so a cut connection or a failed check leaves nothing behind.
 */
export async function withVerifiedBody<T>(
  request: S3Request,
  options: Omit<PayloadOptions, 'signature'>,
  commit: (payload: VerifiedPayload, tempPath: string) => Promise<T>,
): Promise<T> {
  const tempPath = request.state.layout.tempPath();
  try {
    const payload = await receivePayload(request.req, createWriteStream(tempPath), {
      ...options,
      signature: request.signature,
    });
    return await commit(payload, tempPath);
  } finally {
    await rm(tempPath, { force: true });
  }
}

/** Reads and verifies a small XML body and parses it, expecting the root element `root`. */
export async function readXmlBody(request: S3Request, root: string): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  try {
    await receivePayload(request.req, sink, { signature: request.signature, maxBytes: MAX_XML_BYTES });
  } catch (err) {
    if (err instanceof S3Error && err.code === 'EntityTooLarge')
      throw new S3Error(400, 'MaxMessageLengthExceeded', 'Your request was too big.');
    throw err;
  }
  return parseXmlRequest(Buffer.concat(chunks).toString('utf8'), root);
}
