import type { Page } from 'playwright-core';
import { useBrowserAndCluster } from './support/page-rig';
import { saveScreenshot } from './support/screenshots';
import { untilNextPage, uploadWithForm } from './support/upload-page';

const MiB = 1024 * 1024;

// A 1 MiB form limit keeps the too-large file small; direct uploads keep their 5 GiB.
const { browser, cluster } = useBrowserAndCluster({ instances: 2, env: { MAX_UPLOAD_BYTES: String(MiB) } });

/** A page of a fresh browser of `width` CSS pixels (a phone at 320 or 390), with or without JavaScript. */
async function openPage(options: { width?: number; javaScript?: boolean } = {}): Promise<Page> {
  const context = await browser().newContext({
    viewport: { width: options.width ?? 1024, height: 800 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(cluster().url);
  return page;
}

const text = (name: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(`the content of ${name}`) });

describe('the page on a phone', () => {
  it.each([320, 390])(
    'fits %i px: a listed file with its checksum and a deleted one, without sideways scrolling',
    async (width) => {
      // GIVEN a phone-sized page listing one file and, under Recently deleted, one with a long name
      const page = await openPage({ width });
      const deleted = `a-rather-long-file-name-for-a-phone-screen-${width}.txt`;
      await uploadWithForm(page, [text(`kept-${width}.txt`), text(deleted)]);
      await untilNextPage(page, () =>
        page
          .getByTestId('file-item')
          .filter({ hasText: deleted })
          .getByRole('button', { name: /delete/i })
          .click(),
      );
      // WHEN it is laid out / THEN nothing is wider than the screen, and the deleted file's name keeps its room
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: window.innerWidth,
      }));
      await saveScreenshot(page, `phone-${width}`);
      expect(widths.page).toBeLessThanOrEqual(widths.screen);
      const name = await page
        .getByTestId('trash-item')
        .filter({ hasText: deleted })
        .getByTestId('trash-name')
        .boundingBox();
      expect(name?.width).toBeGreaterThanOrEqual(width / 2);
    },
  );
});

describe('the limits, told per file in each mode', () => {
  it('tells the form limit without JavaScript', async () => {
    const page = await openPage({ javaScript: false });
    await expect(page.getByTestId('upload-hint').innerText()).resolves.toBe('Up to 20 files at once, 1.0 MiB each.');
  });

  it('tells the direct limit with JavaScript', async () => {
    const page = await openPage();
    await expect(page.getByTestId('upload-hint').innerText()).resolves.toBe('Any number of files, up to 5.0 GiB each.');
  });

  it('names the too-large file and the limit when the plain form refuses it', async () => {
    const page = await openPage({ javaScript: false });
    await uploadWithForm(page, [{ name: 'holiday.mov', mimeType: 'video/quicktime', buffer: Buffer.alloc(MiB + 1) }]);
    await expect(page.getByRole('alert').innerText()).resolves.toBe(
      'holiday.mov is larger than 1.0 MiB, the limit per file of this form; nothing was stored.',
    );
  });
});

describe('a failed upload', () => {
  it('is retried in place and then listed', async () => {
    // GIVEN a page whose first upload request is cut off
    const page = await openPage();
    let cut = false;
    await page.route('**/api/files', (route) =>
      cut ? route.continue() : ((cut = true), route.abort('connectionreset')),
    );
    // WHEN a file is dropped in and fails, and its row's Retry is clicked
    await page.getByTestId('file-input').setInputFiles([text('second-try.txt')]);
    await page.getByTestId('upload-submit').click();
    const row = page.getByTestId('upload-progress');
    await row.getByTestId('upload-retry').click();
    // THEN the same row ends uploaded, and the list shows the file
    await row.and(page.locator('[data-state="done"]')).waitFor();
    await expect(row.count()).resolves.toBe(1);
    await page.getByTestId('file-item').filter({ hasText: 'second-try.txt' }).waitFor();
  });
});
