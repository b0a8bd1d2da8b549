import { humanSize } from '../shared/format';
import { createProgressRow } from './progress-row';
import { runLimited } from './run-limited';
import { oversizeFailure } from './upload-error';
import { uploadDirect } from './direct/direct-upload';
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
}

/** Uploads every file in its own request, with a progress row each; resolves when all have ended. */
export async function uploadAll(files: readonly File[], opts: UploadQueueOptions): Promise<UploadResult[]> {
  const jobs = files.map((file) => {
    let cancelled = false;
    let cancel = () => {
      cancelled = true;
    };
    const direct = opts.direct !== undefined && file.size >= opts.direct.minBytes;
    let controls = { pause: () => undefined as void, resume: () => undefined as void };
    const row = createProgressRow(file, () => cancel(), direct ? { pause: () => controls.pause(), resume: () => controls.resume() } : undefined);
    opts.rows.append(row.element);
    const run = async (): Promise<UploadResult> => {
      if (direct && !cancelled) {
        const tooLargeDirect = oversizeFailure(file, opts.direct?.maxBytes ?? 0, humanSize);
        if (tooLargeDirect) {
          row.finish({ state: 'error', ...tooLargeDirect });
          return { state: 'error', ...tooLargeDirect };
        }
        const upload = uploadDirect(file, { csrfToken: opts.csrfToken, onProgress: row.progress, onChecksum: row.showChecksum });
        cancel = upload.cancel;
        controls = upload;
        const result = await upload.result;
        row.finish(result);
        return result;
      }
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
  await opts.beforeSending?.();
  return runLimited(jobs, opts.concurrency);
}

function send(file: File, opts: UploadQueueOptions, onProgress: (loaded: number, total: number) => void, setCancel: (abort: () => void) => void): Promise<UploadResult> {
  const upload = uploadFile(file, { url: opts.url, csrfToken: opts.csrfToken, onProgress });
  setCancel(upload.cancel);
  return upload.result;
}
