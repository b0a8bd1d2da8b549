import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Request, Response } from 'playwright-core';
import { useTempDirectory } from '@ha-uploads/process/testing';
import { useBrowserAndCluster } from './support/page-rig';
import { answersFor, expiredCopyOf, partNumberOf, recordPartAnswers, type PartAnswer } from './support/part-requests';

const MiB = 1024 * 1024;
const SIZE = 48 * MiB;
const PART_SIZE = 8 * MiB;

const { browser, cluster } = useBrowserAndCluster({ instances: 2 });
const dir = useTempDirectory('direct-e2e-', 'all');
let filePath: string;
let body: Buffer;

beforeAll(() => {
  body = randomBytes(SIZE);
  filePath = join(dir(), 'big-48.bin');
  writeFileSync(filePath, body);
});

/** Every request the page sends, with its body size as declared (an aborted part counts whole). */
type SentRequest = { url: string; method: string; bytes: number };

function recordRequests(page: Page, into: SentRequest[]): void {
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    const partNumber = Number(url.searchParams.get('partNumber'));
    // A part's body is the file's slice (Playwright does not see Blob bodies); other bodies are small JSON.
    const bytes =
      partNumber > 0
        ? Math.min(SIZE, partNumber * PART_SIZE) - (partNumber - 1) * PART_SIZE
        : (request.postDataBuffer()?.length ?? 0);
    into.push({ url: request.url(), method: request.method(), bytes });
  });
}

async function progressOf(page: Page): Promise<number> {
  return Number(await page.getByTestId('upload-progress').locator('progress').getAttribute('value'));
}

/** Resolves once the upload's bar shows at least `percent` (bytes S3 holds). */
async function untilProgress(page: Page, percent: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await progressOf(page)) < percent) {
    if (Date.now() > deadline)
      throw new Error(
        `the upload never reached ${percent}%: ${await page.getByTestId('upload-progress').textContent()}`,
      );
    await page.waitForTimeout(20);
  }
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A page in a context of its own, with what `record` notes of its traffic collected. */
async function newPageRecording<T>(
  record: (page: Page, into: T[]) => void,
): Promise<{ context: BrowserContext; page: Page; recorded: T[] }> {
  const context = await browser().newContext();
  const page = await context.newPage();
  const recorded: T[] = [];
  record(page, recorded);
  return { context, page, recorded };
}

/** A page with S3's answer to each of its part PUTs recorded. */
const newRecordedPage = async () => {
  const { recorded: answers, ...opened } = await newPageRecording<PartAnswer>(recordPartAnswers);
  return { ...opened, answers };
};

/** A page with every request it sends recorded. */
const newPageRecordingRequests = async () => {
  const { recorded: requests, ...opened } = await newPageRecording<SentRequest>(recordRequests);
  return { ...opened, requests };
};

/** Caps the page's upload rate (Chromium's network emulation). */
async function throttleUploads(context: BrowserContext, page: Page, bytesPerSecond: number): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}

/** Opens the upload page, sends the 48 MiB file and resolves once the page lists it. */
async function uploadThroughPage(page: Page): Promise<void> {
  await page.goto(cluster().url);
  await page.getByTestId('file-input').setInputFiles(filePath);
  await Promise.all([page.waitForURL(/uploaded=1/, { timeout: 90_000 }), page.getByTestId('upload-submit').click()]);
}

describe('a 48 MiB file straight to S3 through the local load balancer', () => {
  it('resumes after a reload from the parts the local S3 lists, sending none of them again, and downloads byte-identical', async () => {
    // GIVEN the page through the balancer, every request and S3's answer to every part recorded
    const { context, page, requests } = await newPageRecordingRequests();
    const answers: PartAnswer[] = [];
    recordPartAnswers(page, answers);
    const created = page
      .waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/uploads')
      .then((r) => r.json() as Promise<Record<string, unknown>>);
    // Uploads at 32 MiB/s (Chromium's network emulation), so the reload below lands mid-transfer, not after it.
    await throttleUploads(context, page, 32 * MiB);
    await page.goto(cluster().url);
    // WHEN the file is chosen, and the page reloaded once a third of it is stored
    await page.getByTestId('file-input').setInputFiles(filePath);
    await page.getByTestId('upload-submit').click();
    await untilProgress(page, 33);
    await page.reload();
    const storedBeforeReload = answers.filter((a) => a.status === 200).map((a) => a.partNumber);
    const requestsBeforeReload = requests.length;
    // AND the same file is chosen again
    // The status answer is read as it arrives: the page leaves once the upload is done.
    const isStatus = (r: Response) =>
      r.request().method() === 'GET' && /^\/api\/uploads\/[^/]+$/.test(new URL(r.url()).pathname);
    const status = page.waitForResponse(isStatus).then((r) => r.json() as Promise<{ parts: { partNumber: number }[] }>);
    await page.getByTestId('file-input').setInputFiles(filePath);
    await Promise.all([page.waitForURL(/uploaded=1/, { timeout: 90_000 }), page.getByTestId('upload-submit').click()]);

    // THEN the status listed every part S3 had taken, straight from S3, and the page sent exactly the others
    const listed = (await status).parts.map((p) => p.partNumber);
    expect(storedBeforeReload.length).toBeGreaterThan(0);
    expect(listed).toEqual(expect.arrayContaining(storedBeforeReload));
    const resent = requests
      .slice(requestsBeforeReload)
      .filter((r) => r.method === 'PUT')
      .map((r) => partNumberOf(r.url));
    expect([...new Set(resent)].sort()).toEqual([1, 2, 3, 4, 5, 6].filter((n) => !listed.includes(n)));
    // AND the session says nothing of which S3 holds the parts: the page runs one protocol
    const session = Object.keys(await created).filter((k) => k !== 'ownerToken');
    expect(session.sort()).toEqual(['expiresAt', 'id', 'partCount', 'partSize']);

    // THEN the parts went to S3, no request to the web tier carried more than 1 MiB, and under 1.6x the file was sent
    const origin = new URL(cluster().url).origin;
    const toS3 = requests.filter((r) => new URL(r.url).origin !== origin && r.method === 'PUT');
    const toWeb = requests.filter((r) => new URL(r.url).origin === origin);
    // One session: it resumed, it did not start over.
    expect(toWeb.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/uploads')).toHaveLength(1);
    expect(Math.max(...toWeb.map((r) => r.bytes))).toBeLessThanOrEqual(MiB);
    const sent = toS3.reduce((sum, r) => sum + r.bytes, 0);
    console.log(
      `direct e2e: ${toS3.length} part requests, ${(sent / MiB).toFixed(1)} MiB sent for a ${SIZE / MiB} MiB file (${(sent / SIZE).toFixed(2)}x)`,
    );
    expect(sent).toBeLessThan(1.6 * SIZE);
    // AND the file is listed with its checksum and downloads byte-identical (through S3's presigned GET)
    const id = await page.getByTestId('file-item').first().getAttribute('data-id');
    expect(await page.getByTestId('file-checksum').first().textContent()).toContain('sha256 composite');
    const download = await fetch(`${cluster().url}/files/${id}`);
    const downloaded = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(downloaded).digest('hex')).toBe(createHash('sha256').update(body).digest('hex'));
    await context.close();
  });

  it('pauses, resumes and cancels: a cancelled upload aborts its session and lists nothing', async () => {
    // GIVEN an upload of the 48 MiB file at 4 MiB/s
    const { context, page, requests } = await newPageRecordingRequests();
    await throttleUploads(context, page, 4 * MiB);
    await page.goto(cluster().url);
    const before = await page.getByTestId('file-item').count();
    await page.getByTestId('file-input').setInputFiles(filePath);
    await page.getByTestId('upload-submit').click();
    // WHEN it is paused once its parts are on their way
    const puts = () => requests.filter((r) => r.method === 'PUT').length;
    const openPuts = new Set<Request>();
    page.on('request', (r) => r.method() === 'PUT' && openPuts.add(r));
    page.on('requestfinished', (r) => openPuts.delete(r));
    page.on('requestfailed', (r) => openPuts.delete(r));
    await until(() => puts() >= 4);
    await page.getByTestId('upload-pause').click();
    // A part S3 answered just before the pause still counts: read the bar once no PUT is open.
    await until(() => openPuts.size === 0);
    await page.getByTestId('upload-progress').and(page.locator('[data-state="paused"]')).waitFor();
    const pausedAt = await progressOf(page);
    const partsWhenPaused = requests.filter((r) => r.method === 'PUT').length;
    await page.waitForTimeout(1500); // a window to observe that nothing is sent, not to order events
    // THEN nothing more is sent while paused
    expect(requests.filter((r) => r.method === 'PUT').length).toBe(partsWhenPaused);
    expect(await progressOf(page)).toBe(pausedAt);
    expect(await page.getByTestId('upload-progress').getAttribute('data-state')).toBe('paused');
    // WHEN resumed, then cancelled
    await page.getByTestId('upload-pause').click();
    await until(() => puts() > partsWhenPaused);
    const aborted = page.waitForResponse(
      (r) => r.request().method() === 'DELETE' && new URL(r.url()).pathname.startsWith('/api/uploads/'),
    );
    await page.getByRole('button', { name: /^Cancel upload/ }).click();
    // THEN the session is aborted and nothing new is listed
    expect((await aborted).status()).toBe(204);
    // The page marks the row once the abort's answer is handled, a moment after it arrives: wait for the state.
    await page.getByTestId('upload-progress').and(page.locator('[data-state="cancelled"]')).waitFor();
    await page.reload();
    expect(await page.getByTestId('file-item').count()).toBe(before);
    await context.close();
  });

  it('sends a part again when the local S3 refuses its body, altered after signing, with 400 BadDigest', async () => {
    // GIVEN the page, with the first PUT of part 2 altered on its way to S3 (other bytes of the same length)
    const { context, page, answers } = await newRecordedPage();
    let altered = false;
    await page.route(
      (url) => partNumberOf(url) === 2,
      async (route) => {
        if (altered || route.request().method() !== 'PUT') return route.continue();
        altered = true;
        return route.continue({ postData: Buffer.alloc(PART_SIZE, 0x61) });
      },
    );
    // WHEN the file is uploaded
    await uploadThroughPage(page);
    // THEN S3 refused the altered part, the page sent it again, and the file is the original, byte for byte
    expect(answersFor(answers, 2)).toEqual([400, 200]);
    const id = await page.getByTestId('file-item').first().getAttribute('data-id');
    const downloaded = Buffer.from(await (await fetch(`${cluster().url}/files/${id}`)).arrayBuffer());
    expect(downloaded.equals(body)).toBe(true);
    await context.close();
  });

  it('signs a part again when the local S3 answers its expired URL 403, and finishes the upload', async () => {
    // GIVEN the page, whose first sign call answers part URLs of which the first is signed ten minutes ago
    const { context, page, answers } = await newRecordedPage();
    const signedParts: number[][] = [];
    let expiredPart = 0;
    await page.route('**/api/uploads/*/sign', async (route) => {
      const response = await route.fetch();
      const json = (await response.json()) as {
        parts: { partNumber: number; url: string; headers: Record<string, string> }[];
      };
      signedParts.push(json.parts.map((p) => p.partNumber));
      if (expiredPart === 0) {
        const [first] = json.parts;
        expiredPart = first.partNumber;
        first.url = await expiredCopyOf(first, Math.min(PART_SIZE, SIZE - (first.partNumber - 1) * PART_SIZE));
      }
      await route.fulfill({ response, json });
    });
    // WHEN the file is uploaded
    await uploadThroughPage(page);
    // THEN S3 refused the expired URL, a later sign call signed that part again, and its new URL was taken
    expect(answersFor(answers, expiredPart)).toEqual([403, 200]);
    expect(signedParts.slice(1).some((parts) => parts.includes(expiredPart))).toBe(true);
    await context.close();
  });

  it('after a reload that cut off the answer to complete, choosing the file again uploads nothing more', async () => {
    // GIVEN an upload whose complete call reaches the app, but whose answer never reaches the page
    const { context, page, requests } = await newPageRecordingRequests();
    let completed: () => void = () => undefined;
    const completeArrived = new Promise<void>((resolve) => (completed = resolve));
    await page.route('**/api/uploads/*/complete', async (route) => {
      await route.fetch();
      completed();
      await route.abort('connectionreset');
    });
    await page.goto(cluster().url);
    await page.getByTestId('file-input').setInputFiles(filePath);
    await page.getByTestId('upload-submit').click();
    await completeArrived;
    // WHEN the page is reloaded and the same file chosen again
    await page.unroute('**/api/uploads/*/complete');
    await page.reload();
    const putsBefore = requests.filter((r) => r.method === 'PUT').length;
    await page.getByTestId('file-input').setInputFiles(filePath);
    await Promise.all([page.waitForURL(/uploaded=1/, { timeout: 60_000 }), page.getByTestId('upload-submit').click()]);
    // THEN no new session and no part was sent: the file the first complete made is listed once
    expect(requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/api/uploads')).toHaveLength(1);
    expect(requests.filter((r) => r.method === 'PUT').length).toBe(putsBefore);
    const id = requests
      .find((r) => r.url.includes('/complete'))
      ?.url.split('/')
      .at(-2);
    expect(await page.locator(`[data-testid="file-item"][data-id="${id}"]`).count()).toBe(1);
    await context.close();
  });
});
