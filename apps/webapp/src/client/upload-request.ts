import { uploadFailure, type UploadFailure } from './upload-error';

/** How one upload ended. */
export type UploadResult =
  { readonly state: 'done' } | { readonly state: 'cancelled' } | ({ readonly state: 'error' } & UploadFailure);

/** A running upload: its outcome, and a way to stop it. */
export interface UploadHandle {
  readonly result: Promise<UploadResult>;
  cancel(): void;
}

/** Where and how to send. */
export interface UploadOptions {
  readonly url: string;
  /** Echoed in X-CSRF-Token: the API checks it against the SameSite cookie. */
  readonly csrfToken: string;
  readonly onProgress: (loaded: number, total: number) => void;
}

/**
 * Sends one file as multipart field `file`. XMLHttpRequest rather than fetch: only XHR reports upload
 * progress in every browser, and abort() cancels the request mid-body.
 */
export function uploadFile(file: File, opts: UploadOptions): UploadHandle {
  const xhr = new XMLHttpRequest();
  const result = new Promise<UploadResult>((resolve) => {
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) opts.onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      resolve(
        xhr.status >= 200 && xhr.status < 300
          ? { state: 'done' }
          : { state: 'error', ...uploadFailure(xhr.status, xhr.responseText) },
      );
    });
    xhr.addEventListener('error', () => resolve({ state: 'error', ...uploadFailure(0, '') }));
    xhr.addEventListener('timeout', () => resolve({ state: 'error', ...uploadFailure(0, '') }));
    xhr.addEventListener('abort', () => resolve({ state: 'cancelled' }));
  });
  const body = new FormData();
  body.append('file', file, file.name);
  xhr.open('POST', opts.url);
  xhr.setRequestHeader('X-CSRF-Token', opts.csrfToken);
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.send(body);
  return { result, cancel: () => xhr.abort() };
}
