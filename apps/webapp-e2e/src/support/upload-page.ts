import type { Page } from 'playwright-core';

/** What a reader of the upload page sees: the serving instance and the listed file names. */
export async function readPage(page: Page): Promise<{ instance: string; files: string[] }> {
  const instance = (await page.getByTestId('instance-id').textContent())?.trim() ?? '';
  const files = await page.getByTestId('file-item').locator('[data-testid="file-name"]').allTextContents();
  return { instance, files: files.map((name) => name.trim()) };
}

/**
 * Uploads files through the form and waits for the page it leads to: the server's 303 without JavaScript,
 * the client's redirect after its progress view with it. Either way a new document loads.
 */
export async function uploadWithForm(
  page: Page,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(files);
  await untilNextPage(page, () => page.getByTestId('upload-submit').click());
}

/**
 * Runs `action` and resolves once the document it navigates to has loaded. (waitForURL would match the
 * current URL at once: the page is already at "/".)
 */
export async function untilNextPage(page: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForEvent('load'), action()]);
}

/** Drops files on the drop zone the way a browser does for a drag from the desktop. */
export async function dropFiles(page: Page, files: { name: string; type: string; content: string }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((specs) => {
    const transfer = new DataTransfer();
    for (const spec of specs) transfer.items.add(new File([spec.content], spec.name, { type: spec.type }));
    return transfer;
  }, files);
  const zone = page.getByTestId('drop-zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}
