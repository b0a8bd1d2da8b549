import { Readable } from 'node:stream';
import { InMemoryBlobStore } from '../../testing/in-memory-blob-store';
import { InMemoryFileCatalog } from '../../testing/in-memory-file-catalog';
import { FileService } from '../file-service';
import { recheckPendingScans } from './scan-recheck';
import type { ScanStatus } from './scan-state';

function setup() {
  const catalog = new InMemoryFileCatalog();
  const tags = new Map<string, ScanStatus>();
  const files = new FileService({
    catalog,
    blobs: new InMemoryBlobStore(),
    maxUploadBytes: 64,
    malwareScan: { unscannable: 'block', recheckAfterMs: 0, tags: { scanStatus: async (key) => tags.get(key) } },
  });
  const upload = async () => (await files.upload(Readable.from([Buffer.from('x')]), { name: 'a.txt' }, 'i-test')).id;
  return { catalog, tags, files, upload };
}

describe('recheckPendingScans', () => {
  it('records the tag of every recent file still pending, page after page', async () => {
    const { catalog, tags, files, upload } = setup();
    const ids = [await upload(), await upload(), await upload()];
    for (const id of ids) tags.set(`files/${id}`, 'THREATS_FOUND');
    const recorded = await recheckPendingScans({ catalog, rules: files.scanRules, since: new Date(0), pageSize: 2 });
    expect([recorded, ids.map((id) => catalog.entries.get(id)?.scan)]).toEqual([
      3,
      ['infected', 'infected', 'infected'],
    ]);
  });

  it('leaves a file whose object has no verdict yet pending', async () => {
    const { catalog, files, upload } = setup();
    const id = await upload();
    expect(await recheckPendingScans({ catalog, rules: files.scanRules, since: new Date(0) })).toBe(0);
    expect(catalog.entries.get(id)?.scan).toBe('pending');
  });

  it('stops at files uploaded before `since`', async () => {
    const { catalog, tags, files, upload } = setup();
    const id = await upload();
    tags.set(`files/${id}`, 'NO_THREATS_FOUND');
    expect(await recheckPendingScans({ catalog, rules: files.scanRules, since: new Date(Date.now() + 60_000) })).toBe(
      0,
    );
    expect(catalog.entries.get(id)?.scan).toBe('pending');
  });
});
