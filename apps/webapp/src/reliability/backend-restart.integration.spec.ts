import request from 'supertest';
import { useAppFleet } from '../testing/reliability/app-fleet';
import { eventually } from '@ha-uploads/process/testing';

const { backends, app } = useAppFleet({
  instances: { app: { instanceId: 'restart' } },
});

afterEach(async () => {
  await Promise.all([backends.startS3(), backends.startDynamo()]);
});

const readyz = () => request(app.url).get('/readyz');
const upload = (name: string) => request(app.url).post('/api/files').attach('file', Buffer.from(name), name);
/** The same app, never restarted, answers ready again once its backends are back. */
const readyAgain = () => eventually(async () => expect((await readyz()).status).toBe(200));

/** Stores `name`, stops a backend (/readyz says 503), restarts it and waits until ready; the stored file's id. */
async function storedAcrossOutage(name: string, stop: () => Promise<unknown>, start: () => Promise<unknown>) {
  const before = await upload(name);
  await stop();
  expect((await readyz()).status).toBe(503);
  await start();
  await readyAgain();
  return before.body.files[0].id as string;
}

describe('a backend restarts under a running app', () => {
  it.each([
    [
      'reports S3 down on /readyz with 503 NOT_READY while the local S3 is stopped',
      () => backends.stopS3(),
      { s3: 'unavailable', dynamodb: 'ok' },
    ],
    [
      'reports DynamoDB down on /readyz with 503 NOT_READY while dynalite is stopped',
      () => backends.stopDynamo(),
      { s3: 'ok', dynamodb: 'unavailable' },
    ],
  ])('%s', async (_name, stop, checks) => {
    await stop();
    const res = await readyz();
    expect([res.status, res.body.error.code, res.body.checks]).toEqual([503, 'NOT_READY', checks]);
  });

  it('keeps /healthz at 200 while both backends are stopped', async () => {
    await Promise.all([backends.stopS3(), backends.stopDynamo()]);
    expect((await request(app.url).get('/healthz')).status).toBe(200);
  });

  it('is ready and stores uploads again after the local S3 restarts on the same port and data', async () => {
    // GIVEN a file stored before the local S3 stops, WHEN it comes back and the app is ready again
    const id = await storedAcrossOutage(
      'before-s3.txt',
      () => backends.stopS3(),
      () => backends.startS3(),
    );
    // THEN the app keeps the old file and stores new ones
    expect((await upload('after-s3.txt')).status).toBe(201);
    expect((await request(app.url).get(`/files/${id}`)).text).toBe('before-s3.txt');
  });

  it('is ready and stores uploads again after dynalite restarts on the same port and data', async () => {
    const id = await storedAcrossOutage(
      'before-dynamo.txt',
      () => backends.stopDynamo(),
      () => backends.startDynamo(),
    );
    expect((await upload('after-dynamo.txt')).status).toBe(201);
    expect((await request(app.url).get(`/api/files/${id}`)).body.name).toBe('before-dynamo.txt');
  });

  it('is ready and stores uploads again after both restart at once', async () => {
    await backends.restart();
    await readyAgain();
    const res = await upload('after-both.txt');
    expect([res.status, res.body.files[0].name]).toEqual([201, 'after-both.txt']);
  });
});
