import { Readable } from 'node:stream';
import { InMemoryBlobStore } from '../../testing/in-memory-blob-store';
import { InMemoryFileCatalog } from '../../testing/in-memory-file-catalog';
import { FileService } from '../file-service';
import { ScanDrainer, type DrainedMessage, type ScanMessage, type ScanResultSource } from './scan-drainer';

/** A queue in memory: receive waits until a batch is pushed or the poll is aborted, as a long poll does. */
class FakeQueue implements ScanResultSource {
  readonly deleted: string[] = [];
  readonly retried: [string, number][] = [];
  private batches: ScanMessage[][] = [];
  private wake: (() => void) | undefined;

  push(...messages: ScanMessage[]): void {
    this.batches.push(messages);
    this.wake?.();
  }

  async receive(signal: AbortSignal): Promise<ScanMessage[]> {
    while (this.batches.length === 0) {
      await new Promise<void>((resolve, reject) => {
        this.wake = resolve;
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')), { once: true });
      });
    }
    return this.batches.shift() ?? [];
  }

  async delete(handle: string): Promise<void> {
    this.deleted.push(handle);
  }

  async retryLater(handle: string, seconds: number): Promise<void> {
    this.retried.push([handle, seconds]);
  }
}

async function setup() {
  const catalog = new InMemoryFileCatalog();
  const files = new FileService({
    catalog,
    blobs: new InMemoryBlobStore(),
    maxUploadBytes: 64,
    malwareScan: { unscannable: 'block' },
  });
  const { id } = await files.upload(Readable.from([Buffer.from('x')]), { name: 'a.txt', ownerId: 'alice' }, 'i-test');
  const queue = new FakeQueue();
  const handled: DrainedMessage[] = [];
  let next: ((message: DrainedMessage) => void) | undefined;
  let nextError: ((err: unknown) => void) | undefined;
  const drainer = new ScanDrainer({
    source: queue,
    catalog,
    onMessage: (message) => {
      handled.push(message);
      next?.(message);
    },
    onError: (err) => nextError?.(err),
  });
  drainer.start();
  // Resolves with the next message the drainer handles.
  const handledNext = () => new Promise<DrainedMessage>((resolve) => (next = resolve));
  // Resolves with the next error the drainer reports.
  const errorNext = () => new Promise<unknown>((resolve) => (nextError = resolve));
  return { catalog, id, queue, drainer, handled, handledNext, errorNext };
}

const verdict = (objectKey: string, handle = 'h1'): ScanMessage => ({
  handle,
  objectKey,
  status: 'NO_THREATS_FOUND',
  threats: [],
});

describe('ScanDrainer', () => {
  it('records a verdict, then deletes its message', async () => {
    const { catalog, id, queue, drainer, handledNext } = await setup();
    const done = handledNext();
    queue.push(verdict(`files/${id}`));
    expect(await done).toMatchObject({ kind: 'recorded', id });
    expect([catalog.entries.get(id)?.scan, queue.deleted]).toEqual(['clean', ['h1']]);
    await drainer.stop();
  });

  it('changes nothing for a duplicated message, and deletes it', async () => {
    const { id, queue, drainer, handledNext } = await setup();
    queue.push(verdict(`files/${id}`));
    await handledNext();
    const second = handledNext();
    queue.push({ ...verdict(`files/${id}`, 'h2'), status: 'THREATS_FOUND', threats: ['late'] });
    expect(await second).toMatchObject({ kind: 'unchanged' });
    expect(queue.deleted).toEqual(['h1', 'h2']);
    await drainer.stop();
  });

  it('deletes a message the adapter rejected, touching nothing', async () => {
    const { catalog, id, queue, drainer, handledNext } = await setup();
    const done = handledNext();
    queue.push({ handle: 'h1', rejected: 'another bucket' });
    expect(await done).toEqual({ kind: 'rejected', reason: 'another bucket' });
    expect([catalog.entries.get(id)?.scan, queue.deleted]).toEqual(['pending', ['h1']]);
    await drainer.stop();
  });

  it.each([
    ['rejects a verdict on a key outside the files prefix', 'trash/01ARZ3NDEKTSV4RRFFQ69G5FAV', 'rejected'],
    ['counts a verdict on an unknown file, and deletes it', 'files/01ARZ3NDEKTSV4RRFFQ69G5FAV', 'unknown'],
  ])('%s', async (_name, key, kind) => {
    const { queue, drainer, handledNext } = await setup();
    const done = handledNext();
    queue.push(verdict(key));
    expect([await done, queue.deleted]).toMatchObject([{ kind }, ['h1']]);
    await drainer.stop();
  });

  it('brings back a verdict on a body still being stored after a few seconds', async () => {
    const { catalog, queue, drainer, handledNext } = await setup();
    await catalog.putPending({
      id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      name: 'b',
      contentType: 'text/plain',
      uploadedAt: 'x',
      uploadedBy: 'i',
      objectKey: 'files/01ARZ3NDEKTSV4RRFFQ69G5FAV',
    });
    const done = handledNext();
    queue.push(verdict('files/01ARZ3NDEKTSV4RRFFQ69G5FAV'));
    expect(await done).toMatchObject({ kind: 'not-ready' });
    expect([queue.deleted, queue.retried]).toEqual([[], [['h1', 5]]]);
    await drainer.stop();
  });

  it('keeps the message when the catalog is down, and reports the error', async () => {
    const { catalog, id, queue, drainer, errorNext } = await setup();
    catalog.down = true;
    const reported = errorNext();
    queue.push(verdict(`files/${id}`));
    expect(await reported).toMatchObject({ code: 'CATALOG_UNAVAILABLE' });
    expect(queue.deleted).toEqual([]);
    await drainer.stop();
  });

  it('stops a long poll at once', async () => {
    const { drainer, handled } = await setup();
    await drainer.stop();
    expect(handled).toEqual([]);
  });
});
