import request from 'supertest';
import { FileService } from '@ha-uploads/files';
import { InMemoryBlobStore, InMemoryFileCatalog } from '@ha-uploads/files/testing';
import { createTestApp } from '../testing/test-app';
import { OPENAPI_DOCUMENT } from './openapi';
import { createRouter } from './router';
import { DownloadStreams } from '../http/download-streams';
import { NO_METRICS } from '../metrics/app-metrics';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SOME_ID = '01HZY3QK8X9V5N2M4P6R7S8T9W';

/** "GET /files/{id}" for every operation the contract documents. */
function documentedOperations(): string[] {
  return Object.entries(OPENAPI_DOCUMENT.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => HTTP_METHODS.includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** "GET /files/{id}" for every route the router serves (HEAD is implied by GET, as @koa/router adds it). */
function servedOperations(): string[] {
  const catalog = new InMemoryFileCatalog();
  const blobs = new InMemoryBlobStore();
  const files = new FileService({ catalog, blobs, maxUploadBytes: 1024 });
  const downloadStreams = new DownloadStreams({ idleTimeoutMs: 1_000, perIp: 1, max: 1 });
  // With a client script, so the optional /assets/app.js route exists too.
  const router = createRouter({
    files,
    catalog,
    blobs,
    instanceId: 'i-test',
    auth: { mode: 'anonymous', deleteRetentionHours: 24 },
    metrics: NO_METRICS,
    maxUploadBytes: 1024,
    maxFilesPerRequest: 3,
    clientScript: '',
    downloadStreams,
  });
  return router.stack.flatMap((layer) => {
    const path = String(layer.path).replace(/:(\w+)/g, '{$1}');
    const methods = layer.methods.filter((m) => !(m === 'HEAD' && layer.methods.includes('GET')));
    return methods.map((method) => `${method} ${path}`);
  });
}

describe('the OpenAPI document against the router', () => {
  it('documents every route the app serves', () => {
    // GIVEN the router's routes / WHEN compared with the document / THEN none is missing from it
    expect(servedOperations().filter((op) => !documentedOperations().includes(op))).toEqual([]);
  });

  it('serves every path and method it documents', () => {
    expect(documentedOperations().filter((op) => !servedOperations().includes(op))).toEqual([]);
  });

  it('routes every documented operation to a handler, never to the not-found or wrong-method answer', async () => {
    // GIVEN an app with a browser module
    const t = createTestApp({ clientScript: '' });
    for (const operation of documentedOperations()) {
      const [method, path] = operation.split(' ');
      // WHEN the operation is called with a well-formed id
      const res = await request(t.server)[method.toLowerCase() as 'get'](path.replace('{id}', SOME_ID));
      // THEN a handler answered it (an unknown id's FILE_NOT_FOUND or a CSRF refusal is still a handler's answer)
      expect({ operation, status: res.status, code: res.body?.error?.code }).not.toMatchObject({ code: 'NOT_FOUND' });
      expect({ operation, status: res.status }).not.toEqual({ operation, status: 405 });
    }
  });
});
