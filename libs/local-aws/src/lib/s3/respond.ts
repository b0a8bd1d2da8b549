import type { IncomingMessage, ServerResponse } from 'node:http';
import { asS3Error } from './s3-error';
import { xmlDocument } from './xml';

/** Sends an XML document with a 200 (or the given status). */
export function sendXml(res: ServerResponse, root: string, fields: Record<string, unknown>, status = 200): void {
  const body = xmlDocument(root, fields);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Sends a response without a body. */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, { 'content-length': 0, ...headers });
  res.end();
}

/**
 * Answers with S3's error document (no body for HEAD). A request whose body was not read closes its connection,
 * so an unread upload is not drained at the server's cost.
 */
export function sendError(req: IncomingMessage, res: ServerResponse, err: unknown, requestId: string): void {
  const error = asS3Error(err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const fields = {
    Code: error.code,
    Message: error.message,
    ...error.fields,
    Resource: req.url?.split('?')[0] ?? '/',
    RequestId: requestId,
  };
  const body = req.method === 'HEAD' ? '' : xmlDocument('Error', fields, false);
  const close = !req.complete;
  res.writeHead(error.status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    ...(error.status === 416 &&
      error.fields.ActualObjectSize !== undefined && { 'content-range': `bytes */${error.fields.ActualObjectSize}` }),
    ...(close && { connection: 'close' }),
  });
  res.end(body);
}

/** An HTTP date, as S3 writes Last-Modified. */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}
