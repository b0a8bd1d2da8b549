import { humanSize } from '../shared/format';
import { progressText, sentPercent } from './progress';
import type { UploadResult } from './upload-request';

/** One file's row in the upload list; every text goes in through textContent, never as HTML. */
export interface ProgressRow {
  readonly element: HTMLLIElement;
  progress(loaded: number, total: number): void;
  finish(result: UploadResult): void;
  /** Shows the checksum S3 reports for the finished file. */
  showChecksum(value: string): void;
}

/** Pause and resume of a direct upload; the row shows one button that toggles. */
export interface PauseControls {
  pause(): void;
  resume(): void;
}

/** Failures a second try cannot fix: the row offers no Retry for them. */
const FINAL_CODES = new Set(['FILE_TOO_LARGE', 'INVALID_FILE_NAME']);

/**
 * Builds the row `<li data-testid="upload-progress" data-state="uploading">` for `file`, with a Cancel button;
 * with `onRetry`, a failed row offers a Retry button that calls it.
 */
export function createProgressRow(
  file: File,
  onCancel: () => void,
  pausable?: PauseControls,
  onRetry?: () => void,
): ProgressRow {
  const row = element('li', { class: 'upload-row', 'data-testid': 'upload-progress', 'data-state': 'uploading' });
  const name = element('span', { class: 'upload-name' });
  name.textContent = file.name;
  const bar = element('progress', { max: '100', value: '0', 'aria-label': `Upload progress of ${file.name}` });
  const status = element('span', { class: 'upload-status', role: 'status' });
  status.textContent = `Waiting… (${humanSize(file.size)})`;
  const cancel = element('button', {
    type: 'button',
    class: 'secondary',
    'aria-label': `Cancel upload of ${file.name}`,
  });
  cancel.textContent = 'Cancel';
  cancel.addEventListener('click', onCancel, { once: true });
  const actions = element('span', { class: 'upload-actions' });
  actions.append(cancel);
  row.append(name, actions, bar, status);
  const pause =
    pausable &&
    element('button', {
      type: 'button',
      class: 'secondary',
      'data-testid': 'upload-pause',
      'aria-label': `Pause upload of ${file.name}`,
    });
  if (pause && pausable) {
    pause.textContent = 'Pause';
    pause.addEventListener('click', () => {
      const resuming = row.dataset.state === 'paused';
      row.dataset.state = resuming ? 'uploading' : 'paused';
      pause.textContent = resuming ? 'Pause' : 'Resume';
      pause.setAttribute('aria-label', `${resuming ? 'Pause' : 'Resume'} upload of ${file.name}`);
      if (resuming) pausable.resume();
      else pausable.pause();
    });
    cancel.before(pause);
  }
  const checksum = element('span', { class: 'upload-checksum', 'data-testid': 'upload-checksum' });

  return {
    element: row,
    progress(loaded, total) {
      const percent = sentPercent(loaded, total);
      bar.value = percent;
      status.textContent = `${percent}% · ${progressText((loaded / total) * file.size, file.size)}`;
    },
    finish(result) {
      row.dataset.state = result.state;
      cancel.remove();
      pause?.remove();
      if (result.state === 'done') {
        bar.value = 100;
        status.textContent = `Uploaded · ${humanSize(file.size)}`;
      } else if (result.state === 'cancelled') {
        status.textContent = 'Cancelled';
      } else {
        row.dataset.code = result.code;
        status.setAttribute('role', 'alert');
        status.textContent = result.message;
        if (onRetry && !FINAL_CODES.has(result.code)) actions.append(retryButton(file, onRetry));
      }
    },
    showChecksum(value) {
      checksum.textContent = `sha256 composite ${value}`;
      row.append(checksum);
    },
  };
}

function retryButton(file: File, onRetry: () => void): HTMLButtonElement {
  const retry = element('button', {
    type: 'button',
    class: 'secondary',
    'data-testid': 'upload-retry',
    'aria-label': `Retry upload of ${file.name}`,
  });
  retry.textContent = 'Retry';
  retry.addEventListener('click', onRetry, { once: true });
  return retry;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string>,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}
