import { pino } from 'pino';
import request from 'supertest';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { createApp, type AppDeps } from '../app';
import { InMemoryBlobStore, InMemoryFileCatalog } from '@ha-uploads/files/testing';
import { closeServer, listen } from '@ha-uploads/process';

/** An app over in-memory fakes, for route tests; it trusts one balancer in front, as deployed instances do. */
export function createTestApp(overrides: Partial<AppDeps> = {}) {
  const catalog = new InMemoryFileCatalog();
  const blobs = new InMemoryBlobStore();
  const app = createApp({
    catalog,
    blobs,
    instanceId: 'i-test (test-1a)',
    logger: pino({ level: 'silent' }),
    maxUploadBytes: 1024,
    maxFilesPerRequest: 3,
    trustProxyHops: 1,
    ...overrides,
  });
  return { app, catalog, blobs, server: createServer(app.callback()) as Server };
}

/** A browser-like session: GET / for the CSRF cookie, then same-origin posts with the form token. */
export async function browserSession(server: Server): Promise<{ cookie: string; token: string }> {
  const page = await request(server).get('/');
  const setCookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []);
  const cookie = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('csrf='));
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!cookie || !token) throw new Error('the page did not issue a CSRF token');
  return { cookie, token };
}

/** Listens on 127.0.0.1 at a random port (never another interface); resolves to the base URL. */
export async function listenLocal(server: Server): Promise<string> {
  return `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
}

/** Closes a server, dropping idle keep-alive sockets. */
export { closeServer };

/** A test app served for the whole spec file, with a browser session on it (read `session` inside tests). */
export function serveWithBrowserSession(overrides: Partial<AppDeps> = {}) {
  const served = { ...createTestApp(overrides), session: { cookie: '', token: '' } };
  beforeAll(async () => {
    await listenLocal(served.server);
    served.session = await browserSession(served.server);
  });
  afterAll(() => closeServer(served.server));
  return served;
}
