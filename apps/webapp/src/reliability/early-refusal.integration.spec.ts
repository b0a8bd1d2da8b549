import { once } from 'node:events';
import { connect } from 'node:net';
import { UploadLimits } from '@ha-uploads/files';
import { InMemoryUsageCounters } from '@ha-uploads/files/testing';
import type { Browser } from 'playwright-core';
import { launchTestChromium } from '../testing/chromium';
import { listen } from '../startup/http-server';
import { closeServer, createTestApp } from '../testing/test-app';

// Far more than the kernel buffers on a loopback socket: the client is still sending when the answer comes.
const BIG = 32 * 1024 * 1024;
const settings = { uploadsPerMinutePerClient: 0, uploadsPerMinutePerIp: 1, uploadBytesPerDayPerClient: 0 };
// A fixed clock: every request of the run falls in one minute.
const AT = Date.parse('2026-12-01T12:00:00Z');
const limited = createTestApp({
  uploadLimits: new UploadLimits({ counters: new InMemoryUsageCounters(), settings, now: () => AT }),
  trustProxyHops: 0,
});
const capped = createTestApp({ trustProxyHops: 0 });
const TIMEOUTS = { keepAliveTimeoutMs: 5_000, headersTimeoutMs: 6_000, requestTimeoutMs: 60_000 };
let limitedUrl: string;
let cappedUrl: string;
let browser: Browser | undefined;
const servers: { close(cb: () => void): void }[] = [];

beforeAll(async () => {
  for (const [app, set] of [
    [limited, (url: string) => (limitedUrl = url)],
    [capped, (url: string) => (cappedUrl = url)],
  ] as const) {
    const server = await listen(app.app.callback(), { port: 0, host: '127.0.0.1' }, TIMEOUTS);
    servers.push(server);
    set(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
  }
  // The first upload of the minute uses up the per-IP limit.
  const form = new FormData();
  form.append('file', new Blob(['x']), 'a.txt');
  await fetch(`${limitedUrl}/api/files`, { method: 'POST', body: form });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => closeServer(server as never)));
});

function bigForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(BIG)]), 'big.bin');
  return form;
}

async function answerOf(url: string): Promise<[number, string]> {
  const res = await fetch(`${url}/api/files`, { method: 'POST', body: bigForm() });
  return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
}

describe('an answer sent before the body is read, to Node fetch', () => {
  it('arrives as 429 RATE_LIMITED, not a reset', async () => {
    expect(await answerOf(limitedUrl)).toEqual([429, 'RATE_LIMITED']);
  });

  it('arrives as 413 FILE_TOO_LARGE when the file passes the cap mid-body, not a reset', async () => {
    expect(await answerOf(cappedUrl)).toEqual([413, 'FILE_TOO_LARGE']);
  });
});

describe('an answer sent before the body is read, on the wire', () => {
  it('reaches a client that sends its whole body before reading, with no reset', async () => {
    // GIVEN a refused upload whose 512 KiB body the client sends in full before it reads anything
    const url = new URL(limitedUrl);
    const socket = connect(Number(url.port), url.hostname);
    const errors: string[] = [];
    socket.on('error', (err: NodeJS.ErrnoException) => errors.push(err.code ?? err.message));
    socket.pause();
    const body = Buffer.alloc(512 * 1024);
    const head = `POST /api/files HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${body.length}\r\n\r\n`;
    // WHEN
    await new Promise<void>((resolve) => socket.end(Buffer.concat([Buffer.from(head), body]), () => resolve()));
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.resume();
    await once(socket, 'close');
    // THEN
    expect([Buffer.concat(received).toString('latin1').split('\r\n')[0], errors]).toEqual([
      'HTTP/1.1 429 Too Many Requests',
      [],
    ]);
  });
});

describe('an answer sent before the body is read, to Chromium', () => {
  it('arrives as 429 RATE_LIMITED to a page that posts a large file', async () => {
    browser = await launchTestChromium();
    const page = await browser.newPage();
    await page.goto(limitedUrl);
    const token = await page.locator('input[name="_csrf"]').first().inputValue();
    const status = await page.evaluate(
      async ({ size, csrf }) => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(size)]), 'big.bin');
        const res = await fetch('/api/files', { method: 'POST', body: form, headers: { 'X-CSRF-Token': csrf } });
        return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
      },
      { size: BIG, csrf: token },
    );
    expect(status).toEqual([429, 'RATE_LIMITED']);
  });
});
