import { Readable } from 'node:stream';
import { FileService } from '@ha-uploads/files';
import { InMemoryBlobStore, InMemoryFileCatalog } from '@ha-uploads/files/testing';
import { recordedOutput } from '../testing/command-output';
import { runAdminCommand } from './run-admin-command';

function setup() {
  const catalog = new InMemoryFileCatalog();
  const files = new FileService({ catalog, blobs: new InMemoryBlobStore(), maxUploadBytes: 100 });
  return { files, catalog, ...recordedOutput() };
}

describe('runAdminCommand', () => {
  it("takes down anyone's file, restores and purges it, auditing each change with who and what", async () => {
    // GIVEN a file owned by someone
    const { files, catalog, out, audits } = setup();
    const { id } = await files.upload(
      Readable.from([Buffer.from('x')]),
      { name: 'abuse.txt', ownerId: 'someone' },
      'i-1',
    );
    // WHEN the operator deletes, restores, deletes and purges it
    for (const action of ['delete', 'restore', 'delete', 'purge'] as const)
      await runAdminCommand(files, { action, id }, 'ops@example', out);
    // THEN it is gone, and the audit trail names the operator and every step
    expect(catalog.entries.has(id)).toBe(false);
    expect(audits).toEqual(
      ['delete', 'restore', 'delete', 'purge'].map((action) => ({ action, fileId: id, admin: 'ops@example' })),
    );
  });

  it('lists files with their owners, and the trash', async () => {
    const { files, out, lines } = setup();
    const { id } = await files.upload(Readable.from([Buffer.from('x')]), { name: 'old.txt' }, 'i-1');
    await runAdminCommand(files, { action: 'list' }, 'ops', out);
    await runAdminCommand(files, { action: 'delete', id }, 'ops', out);
    await runAdminCommand(files, { action: 'trash' }, 'ops', out);
    expect(lines[0]).toMatch(new RegExp(`^${id} .* owner \\(none\\)  clean  old\\.txt$`));
    expect(lines.at(-1)).toMatch(new RegExp(`^${id}  deleted `));
  });
});
