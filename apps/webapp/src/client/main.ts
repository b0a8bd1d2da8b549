/**
 * The upload page's client: drag-and-drop, one XHR per file with a progress bar, cancel, and clear errors.
 *
 * Why not Uppy, the field's standard: its Dashboard would bring a few hundred KB of JS and its own CSS to
 * bundle and serve under our CSP, and it replaces the form rather than enhancing it. What this page needs
 * (progress events, abort, the API's error messages) is a few small modules, and the plain form keeps
 * working without JavaScript.
 */
import { confirmForms } from './confirm-forms';
import { refreshFileList } from './file-list';
import { enableDropZone } from './drop-zone';
import { ownerIdentity } from './owner-identity';
import { refreshRelativeTimes } from './relative-times';
import { watchScans } from './scan-watch';
import { uploadAll, type UploadQueueOptions } from './upload-queue';

const FILES_SECTION = 'files';

function start(): void {
  document.documentElement.classList.add('js');
  confirmForms(document);
  // A message carried in the URL shows once: a reload must not repeat it.
  if (location.search.includes('uploaded=') || location.search.includes('error='))
    history.replaceState(null, '', location.pathname);
  const zone = byTestId('drop-zone');
  const form = byTestId<HTMLFormElement>('upload-form');
  const input = byTestId<HTMLInputElement>('file-input');
  const rows = byTestId('upload-list');
  const csrfToken = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
  if (!zone || !form || !input || !rows || !csrfToken) return; // not the upload page: leave it alone

  // New files are scanned for malware first: their rows say so until the outcome, which shows without a reload.
  const scans = watchScans(FILES_SECTION, () => refreshFileList(FILES_SECTION));
  const refreshFiles = () => refreshFileList(FILES_SECTION).then(() => scans.poke());
  const direct =
    form.dataset.directMinBytes === undefined
      ? undefined
      : { minBytes: Number(form.dataset.directMinBytes), maxBytes: Number(form.dataset.directMaxBytes) };
  const queue: UploadQueueOptions = {
    rows,
    url: '/api/files',
    csrfToken,
    maxBytes: Number(form.dataset.maxBytes),
    concurrency: 3,
    direct,
    // Files sent in parallel must carry one owner cookie: obtained once, before the first is sent.
    beforeSending: ownerIdentity('/api/owner', csrfToken),
    // A retried row ends after its batch did: list the file once it is stored and nothing else is in flight.
    onRetried: (result) => (result.state === 'done' && active === 0 ? void refreshFiles() : undefined),
  };
  let active = 0;
  const upload = async (files: File[]) => {
    active += 1;
    const results = await uploadAll(files, queue);
    active -= 1;
    const uploaded = results.filter((r) => r.state === 'done').length;
    return { uploaded, allDone: uploaded === results.length };
  };

  // Dropped files upload in place; the list refreshes once nothing is left in flight.
  enableDropZone(zone, (files) => {
    void upload(files).then(() => (active === 0 ? refreshFiles() : undefined));
  });

  // The form's own submit gets progress too; on full success it ends where the plain form would (post/redirect/get).
  form.addEventListener('submit', (event) => {
    const files = Array.from(input.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    input.value = '';
    void upload(files).then(({ uploaded, allDone }) => {
      if (allDone && active === 0) location.assign(`/?uploaded=${uploaded}`);
      else if (active === 0) void refreshFiles();
    });
  });

  refreshRelativeTimes(document);
  setInterval(() => refreshRelativeTimes(document), 30_000);
}

function byTestId<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.querySelector<T>(`[data-testid="${id}"]`);
}

start();
