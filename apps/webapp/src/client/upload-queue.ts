import { humanSize } from '../shared/format';
import { createProgressRow, type ProgressRow } from './progress-row';
import { runLimited, uploadDirect } from '@ha-uploads/direct-upload';
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
  /** Files this large or larger go straight to S3 (up to `maxBytes`). @default - none: every file posts to `url` */
  readonly direct?: { readonly minBytes: number; readonly maxBytes: number };
  /** Awaited once the rows show, before the first file is sent (the owner identity). @default - nothing */
  readonly beforeSending?: () => Promise<void>;
  /** Told how a retried upload ended (the batch it belonged to has resolved already). @default - nothing */
  readonly onRetried?: (result: UploadResult) => void;
}

/** Uploads every file in its own request, with a progress row each; resolves when all have ended. */
export async function uploadAll(files: readonly File[], opts: UploadQueueOptions): Promise<UploadResult[]> {
  const jobs = files.map((file) => {
    const job = uploadJob(file, opts);
    opts.rows.append(job.row.element);
    return job.run;
  });
  await opts.beforeSending?.();
  return runLimited(jobs, opts.concurrency);
}

/** One file's row and the upload that fills it; a failed row offers Retry, which runs the upload again in place. */
function uploadJob(file: File, opts: UploadQueueOptions): { row: ProgressRow; run: () => Promise<UploadResult> } {
  let cancelled = false;
  let cancel = () => {
    cancelled = true;
  };
  const direct = opts.direct !== undefined && file.size >= opts.direct.minBytes;
  let controls = { pause: () => undefined as void, resume: () => undefined as void };
  const retry = () => {
    const again = uploadJob(file, opts);
    row.element.replaceWith(again.row.element);
    void (async () => {
      await opts.beforeSending?.();
      opts.onRetried?.(await again.run());
    })();
  };
  const row = createProgressRow(
    file,
    () => cancel(),
    direct ? { pause: () => controls.pause(), resume: () => controls.resume() } : undefined,
    retry,
  );
  const run = async (): Promise<UploadResult> => {
    const limit = direct ? (opts.direct?.maxBytes ?? 0) : opts.maxBytes;
    const tooLarge = oversizeFailure(file, limit, humanSize);
    let result: UploadResult;
    if (cancelled) result = { state: 'cancelled' };
    else if (tooLarge) result = { state: 'error', ...tooLarge };
    else if (direct) {
      const upload = uploadDirect(file, {
        csrfToken: opts.csrfToken,
        onProgress: row.progress,
        onChecksum: row.showChecksum,
      });
      cancel = upload.cancel;
      controls = upload;
      result = await upload.result;
    } else {
      const upload = uploadFile(file, { url: opts.url, csrfToken: opts.csrfToken, onProgress: row.progress });
      cancel = upload.cancel;
      result = await upload.result;
    }
    row.finish(result);
    return result;
  };
  return { row, run };
}
