import { humanSize } from '../shared/format';
import { createProgressRow } from './progress-row';
import { runLimited } from './run-limited';
import { oversizeFailure } from './upload-error';
import { uploadFile, type UploadResult } from './upload-request';

/** Where uploads go and what the page allows. */
export interface UploadQueueOptions {
  /** The list that receives one progress row per file. */
  readonly rows: HTMLElement;
  readonly url: string;
  readonly csrfToken: string;
  readonly maxBytes: number;
  /** Uploads sent at the same time; the rest wait their turn. */
  readonly concurrency: number;
}

/** Uploads every file in its own request, with a progress row each; resolves when all have ended. */
export async function uploadAll(files: readonly File[], opts: UploadQueueOptions): Promise<UploadResult[]> {
  const jobs = files.map((file) => {
    let cancelled = false;
    let cancel = () => {
      cancelled = true;
    };
    const row = createProgressRow(file, () => cancel());
    opts.rows.append(row.element);
    const run = async (): Promise<UploadResult> => {
      const tooLarge = oversizeFailure(file, opts.maxBytes, humanSize);
      const result: UploadResult = cancelled
        ? { state: 'cancelled' }
        : tooLarge
          ? { state: 'error', ...tooLarge }
          : await send(file, opts, row.progress, (abort) => (cancel = abort));
      row.finish(result);
      return result;
    };
    return run;
  });
  return runLimited(jobs, opts.concurrency);
}

function send(file: File, opts: UploadQueueOptions, onProgress: (loaded: number, total: number) => void, setCancel: (abort: () => void) => void): Promise<UploadResult> {
  const upload = uploadFile(file, { url: opts.url, csrfToken: opts.csrfToken, onProgress });
  setCancel(upload.cancel);
  return upload.result;
}
