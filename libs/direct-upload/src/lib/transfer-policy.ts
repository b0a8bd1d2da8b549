/** How many times a part is tried before the upload fails. */
export const PART_TRIES = 3;
/** Parts in flight at once per file. */
export const PARTS_IN_FLIGHT = 4;

/**
 * Whether a failed part request is worth another try: network errors (status 0), 5xx, 429, and S3's BadDigest (the
 * body S3 received was not the one hashed and signed: it changed on the way, so the file's slice is sent again).
 */
export function isRetryable(status: number, body = ''): boolean {
  return status === 0 || status === 429 || status >= 500 || (status === 400 && /<Code>BadDigest<\/Code>/.test(body));
}

/** Whether S3 refused a presigned URL because it expired: then the part is signed again. */
export function isExpiredSignature(status: number, body: string): boolean {
  return status === 403 && /Request has expired|AccessDenied.*expired|ExpiredToken/i.test(body);
}

/** Backoff before try `attempt` (1-based, after the first): 500 ms, 1 s, 2 s, ... with up to 25% jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = 500 * 2 ** (attempt - 1);
  return Math.round(base * (1 + random() / 4));
}

/** The key a file's session id is kept under, so choosing the same file after a reload resumes it. */
export function resumeKey(file: {
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
}): string {
  return `direct-upload:${file.size}:${file.lastModified}:${file.name}`;
}

/** Base64 of raw bytes (the form of x-amz-checksum-sha256). */
export function toBase64(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
