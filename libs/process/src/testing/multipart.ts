/** The multipart boundary these helpers use. */
export const BOUNDARY = 'reliability-boundary-7d1c';

/** Content-Type of a body built with BOUNDARY. */
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** A text field part. */
export function fieldPart(name: string, value: string): Buffer {
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
}

/** The headers of a file part in field `file`; its bytes follow, then `\r\n` and the next part or the tail. */
export function filePartHead(fileName: string, contentType = 'application/octet-stream'): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
}

/** The end of the last part and of the body. */
export function multipartTail(): Buffer {
  return Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
}

/** A whole body with one file part. */
export function singleFileBody(fileName: string, content: Buffer, contentType?: string): Buffer {
  return Buffer.concat([filePartHead(fileName, contentType), content, multipartTail()]);
}
