import { once } from 'node:events';
import { startTestBackends, type TestBackends } from '@ha-uploads/storage/testing';
import { eventually, startStreamingUpload } from '@ha-uploads/process/testing';
import { storedItems } from '../testing/reliability/stored-state';
import { startWebappProcess, type WebappProcess } from '../testing/reliability/webapp-process';

const MiB = 1024 * 1024;
let backends: TestBackends;
let webapp: WebappProcess;

beforeAll(async () => {
  backends = await startTestBackends();
  webapp = await startWebappProcess('draining-1', backends.env);
}, 120_000);

afterAll(async () => {
  await webapp?.stop();
  await backends?.stop();
});

describe('SIGTERM during an upload (scale-in, instance refresh)', () => {
  it('finishes the upload in flight, refuses new connections, then exits 0', async () => {
    // GIVEN an upload that has started streaming
    const stream = startStreamingUpload(webapp.url, { fileBytes: 2 * MiB, fileName: 'in-flight.bin' });
    await stream.write(Buffer.alloc(MiB, 1));
    await eventually(async () => expect((await storedItems(backends)).map((i) => i.state)).toEqual(['PENDING']));
    const exited = once(webapp.child, 'exit');

    // WHEN the instance is told to stop
    webapp.child.kill('SIGTERM');
    const refused = () =>
      fetch(`${webapp.url}/healthz`, { headers: { connection: 'close' } }).then(
        () => 'accepted',
        () => 'refused',
      );
    await eventually(async () => expect(await refused()).toBe('refused'));
    await stream.write(Buffer.alloc(MiB, 2));
    const answer = await stream.finish();

    // THEN the upload completes and is READY, and the process exits cleanly
    expect(answer.status).toBe(201);
    const [record] = (answer.json as { files: { id: string; name: string; size: number }[] }).files;
    expect([record.name, record.size]).toEqual(['in-flight.bin', 2 * MiB]);
    expect((await storedItems(backends)).map((i) => [i.id, i.state])).toEqual([[record.id, 'READY']]);
    expect(await exited).toEqual([0, null]);
  });
});
