import { Readable } from 'node:stream';
import { FileService } from '@ha-uploads/files';
import { InMemoryBlobStore, InMemoryFileCatalog } from '@ha-uploads/files/testing';
import { recordedOutput } from '../testing/command-output';
import { runRecoveryCommand } from './run-recovery-command';

async function setup() {
  const catalog = new InMemoryFileCatalog();
  const blobs = new InMemoryBlobStore();
  const files = new FileService({ catalog, blobs, maxUploadBytes: 100 });
  const { id } = await files.upload(Readable.from([Buffer.from('x')]), { name: 'lost.txt', ownerId: 'someone' }, 'i-1');
  catalog.entries.clear();
  return { id, stores: { catalog, blobs }, catalog, ...recordedOutput() };
}

describe('runRecoveryCommand', () => {
  it('reconcile prints what differs and changes nothing', async () => {
    const { id, stores, catalog, out, lines } = await setup();
    expect(await runRecoveryCommand(stores, { action: 'reconcile' }, 'ops', out)).toBe(1);
    expect(lines).toEqual([`adoptable      files/${id}  lost.txt (owner someone)`, 'reconcile: 1 difference(s)']);
    expect(catalog.entries.size).toBe(0);
  });

  it('rebuild-catalog adopts the object and audits the change with who and what', async () => {
    const { id, stores, catalog, out, lines, audits } = await setup();
    await runRecoveryCommand(stores, { action: 'rebuild-catalog' }, 'ops@example', out);
    expect(catalog.entries.get(id)).toMatchObject({ state: 'READY', name: 'lost.txt', ownerId: 'someone' });
    expect(audits).toEqual([{ action: 'adopt', fileId: id, admin: 'ops@example' }]);
    expect(lines.at(-1)).toBe(
      `rebuild-catalog: scanned 1 object(s), adopted 1, finished 0, moved 0 to the trash, left 0 foreign; last key files/${id}`,
    );
  });
});
