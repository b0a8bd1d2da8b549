/** Why an upload failed, as shown on its progress row. */
export interface UploadFailure {
  readonly code: string;
  readonly message: string;
}

/**
 * The failure to show for an upload answered with `status` and `body`: the API's `{"error":{"code","message"}}`
 * when present (its messages are written for users), otherwise a message chosen by status. Status 0 means the
 * connection broke before any answer.
 */
export function uploadFailure(status: number, body: string): UploadFailure {
  const fromBody = parseErrorBody(body);
  if (fromBody) return fromBody;
  if (status === 0)
    return {
      code: 'NETWORK_ERROR',
      message: 'The connection was lost before the upload finished; check your network and retry.',
    };
  if (status === 413) return { code: 'FILE_TOO_LARGE', message: 'The file is larger than the upload limit.' };
  if (status === 429)
    return { code: 'RATE_LIMITED', message: 'Too many uploads in a short time; wait a minute and try again.' };
  if (status === 502 || status === 503 || status === 504) {
    return { code: `HTTP_${status}`, message: 'The service is unavailable right now; try again in a moment.' };
  }
  return { code: `HTTP_${status}`, message: `The upload failed (HTTP ${status}); try again.` };
}

/** The `{code, message}` of an API error body, or undefined when the text is not one. */
export function parseErrorBody(body: string): UploadFailure | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string' || error.message === '') return undefined;
  return { code: error.code, message: error.message };
}

/** The failure for a file over the limit, found before sending a byte; undefined when it fits. */
export function oversizeFailure(
  file: { readonly size: number },
  maxBytes: number,
  formatSize: (bytes: number) => string,
): UploadFailure | undefined {
  if (!(maxBytes > 0) || file.size <= maxBytes) return undefined;
  return {
    code: 'FILE_TOO_LARGE',
    message: `This file is ${formatSize(file.size)}; the limit is ${formatSize(maxBytes)} per file.`,
  };
}
