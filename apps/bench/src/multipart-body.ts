import { randomBytes } from 'node:crypto';

/** What a one-file multipart/form-data body says about its file. */
export interface MultipartFileHeader {
  /** Boundary between parts; must not occur in the data (a random 24+ char token makes that vanishingly unlikely). */
  readonly boundary: string;
  readonly fieldName: string;
  /** ASCII file name; quotes and line breaks are percent-encoded as browsers do. */
  readonly fileName: string;
  readonly contentType: string;
}

/** The bytes around one file part: everything before the data, and everything after it. */
export interface MultipartFraming {
  readonly head: Buffer;
  readonly tail: Buffer;
  /** Value of the request's Content-Type header. */
  readonly contentType: string;
}

/** A fresh random boundary token. */
export function newBoundary(): string {
  return `----bench${randomBytes(12).toString('hex')}`;
}

/** The framing of a multipart/form-data body holding one file, so the data can be streamed between head and tail. */
export function multipartFraming(file: MultipartFileHeader): MultipartFraming {
  const name = file.fileName.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const head =
    `--${file.boundary}\r\n` +
    `Content-Disposition: form-data; name="${file.fieldName}"; filename="${name}"\r\n` +
    `Content-Type: ${file.contentType}\r\n\r\n`;
  const tail = `\r\n--${file.boundary}--\r\n`;
  return {
    head: Buffer.from(head, 'utf8'),
    tail: Buffer.from(tail, 'utf8'),
    contentType: `multipart/form-data; boundary=${file.boundary}`,
  };
}

/** The Content-Length of a body with `fileBytes` of data inside `framing`, known before any byte is generated. */
export function multipartContentLength(framing: MultipartFraming, fileBytes: number): number {
  return framing.head.length + fileBytes + framing.tail.length;
}
