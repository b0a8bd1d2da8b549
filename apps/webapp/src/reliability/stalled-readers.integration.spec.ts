import { randomBytes } from 'node:crypto';
import { startTestBackends, type TestBackends } from '@ha-uploads/storage/testing';
import { startAppInstance, type AppInstance } from '../testing/reliability/app-instance';
import { eventually } from '@ha-uploads/process/testing';
import { startStalledReader, type StalledReader } from '../testing/reliability/stalled-reader';

const READERS = 300;
// The idle-cut tests need only every place taken: a few places and a few more readers than that.
const FEW_PLACES = { DOWNLOAD_IDLE_TIMEOUT_MS: '1000', DOWNLOAD_STREAMS_MAX: '4' };
const FEW_READERS = 8;
// Larger than what the kernel buffers on both ends of a loopback socket, so a stalled reader pauses the S3 stream.
const BODY = randomBytes(8 * 1024 * 1024);
// Downloads stream through the app at any size; the balancer in front sets X-Forwarded-For.
const ENV = { DIRECT_DOWNLOAD_MIN_BYTES: '0', TRUST_PROXY_HOPS: '1', DOWNLOADS_PER_MINUTE_PER_IP: '100000' };
const VICTIM = { 'X-Forwarded-For': '198.51.100.9' };

let backends: TestBackends;
const apps: AppInstance[] = [];
const readers: StalledReader[] = [];

beforeAll(async () => {
  backends = await startTestBackends();
});
afterAll(async () => {
  for (const reader of readers) reader.stop();
  await Promise.all(apps.map((app) => app.close()));
  await backends?.stop();
});

async function instance(env: Record<string, string>): Promise<{ url: string; fileId: string; app: AppInstance }> {
  const app = await startAppInstance(backends, { instanceId: `stalled-${apps.length}`, env: { ...ENV, ...env } });
  apps.push(app);
  const form = new FormData();
  form.append('file', new Blob([BODY]), 'big.bin');
  const res = await fetch(`${app.url}/api/files`, { method: 'POST', body: form, headers: VICTIM });
  const uploaded = (await res.json()) as { files: { id: string }[] };
  return { url: app.url, fileId: uploaded.files[0].id, app };
}

// Starts `count` readers, each from `addressOf(i)`, and waits until every one has its answer's first bytes.
async function stall(
  url: string,
  fileId: string,
  addressOf: (i: number) => Record<string, string>,
  count = READERS,
): Promise<StalledReader[]> {
  const started = Array.from({ length: count }, (_, i) => startStalledReader(url, `/files/${fileId}`, addressOf(i)));
  readers.push(...started);
  await Promise.all(started.map((reader) => reader.status));
  return started;
}

// What another client gets meanwhile: an upload, a download of the whole file, and readiness.
async function othersServed(url: string, fileId: string): Promise<[number, number, number, number]> {
  const form = new FormData();
  form.append('file', new Blob(['hello']), 'small.txt');
  const upload = await fetch(`${url}/api/files`, { method: 'POST', body: form, headers: VICTIM });
  const download = await fetch(`${url}/files/${fileId}`, { headers: VICTIM });
  const bytes = (await download.arrayBuffer()).byteLength;
  const ready = await fetch(`${url}/readyz`);
  return [upload.status, download.status, bytes, ready.status];
}

describe('clients that stop reading a download', () => {
  it('leave uploads, downloads and /readyz to everyone else when hundreds stall from one address', async () => {
    // GIVEN a long idle timeout, so only the caps stand between the stalled readers and the S3 sockets
    const { url, fileId } = await instance({ DOWNLOAD_IDLE_TIMEOUT_MS: '600000' });
    await stall(url, fileId, () => ({}));
    // WHEN another client uses the instance while they stall
    const served = await othersServed(url, fileId);
    // THEN
    expect(served).toEqual([201, 200, BODY.length, 200]);
  });

  it('leave uploads and /readyz to everyone else when hundreds stall from many addresses', async () => {
    // GIVEN
    const { url, fileId } = await instance({ DOWNLOAD_IDLE_TIMEOUT_MS: '600000' });
    await stall(url, fileId, (i) => ({ 'X-Forwarded-For': `198.18.0.${i % 100}` }));
    // WHEN
    const [upload, , , ready] = await othersServed(url, fileId);
    // THEN
    expect([upload, ready]).toEqual([201, 200]);
  });

  it('are cut short once they move no bytes for the idle timeout', async () => {
    // GIVEN readers stalled on every place the instance has
    const { url, fileId, app } = await instance(FEW_PLACES);
    const stalled = await stall(url, fileId, (i) => ({ 'X-Forwarded-For': `198.18.1.${i}` }), FEW_READERS);
    const streaming: StalledReader[] = [];
    for (const reader of stalled) if ((await reader.status) === 200) streaming.push(reader);
    // WHEN the instance has let go of every stream, and the readers read again
    await eventually(() => expect(app.downloadStreams.inFlight()).toBe(0), { timeoutMs: 30_000 });
    const received = await Promise.all(streaming.map((reader) => reader.resume()));
    // THEN each got less than the file, and the connection ended
    expect([streaming.length > 0, received.filter((bytes) => bytes >= BODY.length)]).toEqual([true, []]);
  });

  it('give their places back to other clients once cut', async () => {
    // GIVEN
    const { url, fileId, app } = await instance(FEW_PLACES);
    await stall(url, fileId, (i) => ({ 'X-Forwarded-For': `198.18.2.${i}` }), FEW_READERS);
    // WHEN
    await eventually(() => expect(app.downloadStreams.inFlight()).toBe(0), { timeoutMs: 30_000 });
    // THEN
    expect(await othersServed(url, fileId)).toEqual([201, 200, BODY.length, 200]);
  });
});
