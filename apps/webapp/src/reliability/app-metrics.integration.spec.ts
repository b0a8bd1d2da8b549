import request from 'supertest';
import { APP_METRICS } from '@ha-uploads/config';
import { startTestBackends, type TestBackends } from '@ha-uploads/storage/testing';
import { eventually } from '@ha-uploads/process/testing';
import { startWebappProcess, type WebappProcess } from '../testing/reliability/webapp-process';

let backends: TestBackends;
let instance: WebappProcess;

/** The EMF documents the instance logged, read back from its stdout. */
function emfDocuments(): Record<string, unknown>[] {
  return instance.output
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry._aws !== undefined);
}

beforeAll(async () => {
  backends = await startTestBackends({ env: { MAX_UPLOAD_BYTES: '1000' } });
  // LOG_LEVEL=warn: metrics still reach the logs, as in the local cluster.
  instance = await startWebappProcess('metrics-1', { ...backends.env, LOG_LEVEL: 'warn' });
  await request(instance.url).post('/api/files').attach('file', Buffer.alloc(600, 1), 'ok.bin').expect(201);
  await request(instance.url).post('/api/files').attach('file', Buffer.alloc(2_000, 1), 'big.bin').expect(413);
  await request(instance.url).post('/api/files').field('note', 'no file').expect(400);
}, 120_000);

afterAll(async () => {
  await instance?.stop();
  await backends?.stop();
});

describe('app metrics of a real instance, read back from its logs', () => {
  it('logs an EMF document for the stored upload, with its bytes and duration', async () => {
    const stored = await eventually(() => {
      const doc = emfDocuments().find((d) => d[APP_METRICS.names.uploads] === 1);
      expect(doc).toBeDefined();
      return doc as Record<string, unknown>;
    });
    expect(stored).toMatchObject({
      UploadBytes: 600,
      InstanceId: 'metrics-1',
      msg: 'metrics',
      _aws: { CloudWatchMetrics: [{ Namespace: 'HaUploads' }] },
    });
    expect(stored.UploadDuration).toEqual(expect.any(Number));
  });

  it('counts the refused uploads by their codes', async () => {
    await eventually(() => {
      const codes = emfDocuments()
        .filter((d) => d.UploadFailures === 1)
        .map((d) => d.Code);
      expect(codes.sort()).toEqual(['FILE_TOO_LARGE', 'NO_FILE']);
    });
  });

  it('gauges in-flight uploads back to zero once they ended', async () => {
    await eventually(() => {
      const gauges = emfDocuments()
        .filter((d) => d.InFlightUploads !== undefined)
        .map((d) => d.InFlightUploads);
      expect([gauges.length, gauges.at(-1)]).toEqual([4, 0]);
    });
  });
});
