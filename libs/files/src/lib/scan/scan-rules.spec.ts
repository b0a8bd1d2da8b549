import { Readable } from 'node:stream';
import { InMemoryBlobStore } from '../../testing/in-memory-blob-store';
import { InMemoryFileCatalog } from '../../testing/in-memory-file-catalog';
import { FileService } from '../file-service';
import type { MalwareScanOptions } from './scan-rules';
import { scanOf, type ScanStatus } from './scan-state';

const OWNER = { ownerId: 'alice', isAdmin: false };
const OTHER = { ownerId: 'bob', isAdmin: false };
const ADMIN = { isAdmin: true };

function setup(malwareScan?: Partial<MalwareScanOptions>) {
  const catalog = new InMemoryFileCatalog();
  const blobs = new InMemoryBlobStore();
  const tags = new Map<string, ScanStatus>();
  const scan = malwareScan && {
    unscannable: 'block' as const,
    tags: { scanStatus: async (key: string) => tags.get(key) },
    ...malwareScan,
  };
  const service = new FileService({ catalog, blobs, maxUploadBytes: 1024, malwareScan: scan });
  const upload = () =>
    service.upload(Readable.from([Buffer.from('body')]), { name: 'a.txt', ownerId: 'alice' }, 'i-test');
  return { catalog, service, tags, upload };
}

describe('scan rules', () => {
  it('makes a new file clean at once with scanning off', async () => {
    const { upload } = setup();
    expect(scanOf(await upload())).toBe('clean');
  });

  it('lists a new file as pending to everyone with scanning on', async () => {
    const { service, upload } = setup({});
    const { id } = await upload();
    expect((await service.list({}, OTHER)).files).toEqual([expect.objectContaining({ id, scan: 'pending' })]);
  });

  it('refuses another client a pending file with SCAN_PENDING and a retry time', async () => {
    const { service, upload } = setup({ retryAfterSeconds: 7 });
    const { id } = await upload();
    await expect(service.open(id, OTHER)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'SCAN_PENDING',
      retryAfterSeconds: 7,
    });
  });

  it('lets the owner download a pending file', async () => {
    const { service, upload } = setup({});
    const { id } = await upload();
    expect((await (await service.open(id, OWNER)).body.toArray()).join('')).toBe('body');
  });

  it('hides an infected file from everyone but its owner and admins', async () => {
    const { service, catalog, upload } = setup({});
    const { id } = await upload();
    await catalog.recordScan(id, { objectKey: `files/${id}`, scan: 'infected', detail: 'EICAR' });
    expect({
      other: (await service.list({}, OTHER)).files,
      owner: (await service.list({}, OWNER)).files.map((f) => f.scanDetail),
      admin: (await service.get(id, ADMIN)).scanDetail,
    }).toEqual({ other: [], owner: ['EICAR'], admin: 'EICAR' });
  });

  it('answers another client asking for an infected file as if it did not exist', async () => {
    const { service, catalog, upload } = setup({});
    const { id } = await upload();
    await catalog.recordScan(id, { objectKey: `files/${id}`, scan: 'infected', detail: 'EICAR' });
    await expect(service.open(id, OTHER)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('refuses even the owner the body of an infected file with FILE_INFECTED', async () => {
    const { service, catalog, upload } = setup({});
    const { id } = await upload();
    await catalog.recordScan(id, { objectKey: `files/${id}`, scan: 'infected', detail: 'EICAR' });
    await expect(service.open(id, OWNER)).rejects.toMatchObject({ kind: 'forbidden', code: 'FILE_INFECTED' });
  });

  it('serves an unsupported file to everyone where the rule allows it', async () => {
    const { service, catalog, upload } = setup({ unscannable: 'allow' });
    const { id } = await upload();
    await catalog.recordScan(id, { objectKey: `files/${id}`, scan: 'unscannable', detail: 'UNSUPPORTED' });
    expect((await service.getDownloadable(id, OTHER)).id).toBe(id);
  });

  it('refuses an unsupported file with FILE_UNSCANNABLE where the rule blocks it', async () => {
    const { service, catalog, upload } = setup({ unscannable: 'block' });
    const { id } = await upload();
    await catalog.recordScan(id, { objectKey: `files/${id}`, scan: 'unscannable', detail: 'UNSUPPORTED' });
    await expect(service.getDownloadable(id, OWNER)).rejects.toMatchObject({ code: 'FILE_UNSCANNABLE' });
  });

  it('keeps a failed scan blocked even where the rule allows unscannable files', async () => {
    const { service, catalog, upload } = setup({ unscannable: 'allow' });
    const { id } = await upload();
    await catalog.recordScan(id, { objectKey: `files/${id}`, scan: 'unscannable', detail: 'FAILED' });
    await expect(service.getDownloadable(id, OWNER)).rejects.toMatchObject({ code: 'FILE_UNSCANNABLE' });
  });

  it.each([
    ['reads the tag of a file its owner asks for once it is pending past the grace (a lost event)', 0, OWNER, 'clean'],
    ['leaves the tag alone within the grace', 60_000, OWNER, 'pending'],
    ['leaves the tag alone when someone other than the owner asks', 0, OTHER, 'pending'],
  ] as const)('%s', async (_name, recheckAfterMs, asker, scan) => {
    const { service, tags, upload } = setup({ recheckAfterMs });
    const { id } = await upload();
    tags.set(`files/${id}`, 'NO_THREATS_FOUND');
    expect((await service.get(id, asker)).scan).toBe(scan);
  });

  it('lets an admin purge an infected file', async () => {
    const { service, catalog, upload } = setup({});
    const { id } = await upload();
    await catalog.recordScan(id, { objectKey: `files/${id}`, scan: 'infected', detail: 'EICAR' });
    await service.purgeQuarantined(id, ADMIN);
    expect(catalog.entries.has(id)).toBe(false);
  });

  it('refuses the quarantine purge of a clean file with NOT_QUARANTINED', async () => {
    const { service, catalog, upload } = setup({});
    const { id } = await upload();
    await catalog.recordScan(id, { objectKey: `files/${id}`, scan: 'clean' });
    await expect(service.purgeQuarantined(id, ADMIN)).rejects.toMatchObject({ code: 'NOT_QUARANTINED' });
  });
});
