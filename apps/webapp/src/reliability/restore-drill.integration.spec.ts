import { createHash, randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { sweep } from '@ha-uploads/files';
import { ensureFilesTable } from '@ha-uploads/storage';
import { runRecoveryCommand } from '../admin/run-recovery-command';
import { startAppInstance, type AppInstance } from '../testing/reliability/app-instance';
import type { Answer } from '../testing/reliability/api-answer';
import { useAppFleet } from '../testing/reliability/app-fleet';

const MiB = 1024 * 1024;

const { backends, a, b } = useAppFleet({
  instances: { a: { instanceId: 'i-a' }, b: { instanceId: 'i-b' } },
  timeoutMs: 60_000,
});

/** One person's API client: it learns its owner secret from its first upload, as a script without cookies would. */
class Owner {
  token?: string;

  private headers(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  /** Uploads through the app (multipart form); resolves to the file id. */
  async upload(base: string, name: string, body: Buffer): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([body]), name);
    const res = await fetch(`${base}/api/files`, { method: 'POST', headers: this.headers(), body: form });
    const json = (await res.json()) as { files: { id: string }[]; ownerToken?: string };
    expect(res.status).toBe(201);
    this.token ??= json.ownerToken;
    return json.files[0].id;
  }

  /** Uploads straight to S3 through the upload-session API, in one part; resolves to the file id. */
  async uploadDirect(base: string, name: string, body: Buffer): Promise<string> {
    const session = await this.beginDirect(base, name, body);
    await this.completeDirect(base, session);
    return session.id;
  }

  /** Creates a direct-upload session and sends its one part to S3, without completing it. */
  async beginDirect(base: string, name: string, body: Buffer): Promise<{ id: string; parts: unknown[] }> {
    const created = await this.call(base, 'POST', '/api/uploads', {
      name,
      size: body.length,
      contentType: 'application/octet-stream',
    });
    this.token ??= created.json.ownerToken;
    const checksum = createHash('sha256').update(body).digest('base64');
    const signed = await this.call(base, 'POST', `/api/uploads/${created.json.id}/sign`, {
      parts: [{ partNumber: 1, checksum }],
    });
    const part = signed.json.parts[0] as { url: string; headers: Record<string, string> };
    const put = await fetch(part.url, { method: 'PUT', headers: part.headers, body });
    expect(put.status).toBe(200);
    const parts = [{ partNumber: 1, etag: put.headers.get('etag') ?? '', checksum }];
    return { id: created.json.id, parts };
  }

  /** Completes a session begun by beginDirect. */
  async completeDirect(base: string, session: { id: string; parts: unknown[] }): Promise<void> {
    const completed = await this.call(base, 'POST', `/api/uploads/${session.id}/complete`, { parts: session.parts });
    expect(completed.status).toBe(201);
  }

  async call(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Answer }> {
    const headers = { ...this.headers(), ...(body !== undefined && { 'content-type': 'application/json' }) };
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : {} };
  }
}

/**
 * What a person sees: every listed file with its id, name, size, checksums and whether it is theirs; and their trash.
 */
async function seenBy(owner: Owner, base: string) {
  const listed = await owner.call(base, 'GET', '/api/files?limit=100');
  const trash = await owner.call(base, 'GET', '/api/trash');
  return { files: listed.json.files, trash: trash.json.files };
}

/**
 * A view without checksums: a rebuilt record takes a direct upload's composite checksum from S3's HeadObject, so
 * `checksumsHeld` compares each against what the store reports instead.
 */
function withoutChecksums(view: Awaited<ReturnType<typeof seenBy>>) {
  const strip = (files: Record<string, unknown>[]) => files.map(({ checksum: _checksum, ...file }) => file);
  return { files: strip(view.files), trash: strip(view.trash) };
}

/** Whether every listed file's checksum is the one the bucket holds for its object. */
async function checksumsHeld(view: Awaited<ReturnType<typeof seenBy>>): Promise<void> {
  for (const file of view.files as { id: string; checksum?: unknown }[]) {
    const held = (await backends.blobStore.head(`files/${file.id}`))?.checksum;
    expect([file.id, file.checksum]).toEqual([file.id, held]);
  }
}

/** The files table's items at this moment, copied into a new table: a point-in-time restore's result. */
async function copyTable(name: string): Promise<void> {
  await ensureFilesTable(backends.clients.dynamodb, name);
  const { Items = [] } = await backends.clients.dynamodb.send(
    new ScanCommand({ TableName: backends.table, ConsistentRead: true }),
  );
  for (const item of Items) await backends.clients.dynamodb.send(new PutCommand({ TableName: name, Item: item }));
}

async function rebuild(instance: AppInstance): Promise<string[]> {
  const lines: string[] = [];
  const stores = { catalog: instance.storage.catalog, blobs: instance.storage.blobs };
  await runRecoveryCommand(stores, { action: 'rebuild-catalog' }, 'drill', {
    print: (line) => void lines.push(line),
    audit: () => undefined,
  });
  return lines;
}

describe('a restore drill: the bucket rebuilds the catalog', () => {
  it('rebuilds a dropped table so every file lists as it was, each owner keeps their files, and the trash is as it was', async () => {
    // GIVEN files uploaded through both instances, through the app and direct, some deleted and one purged
    const [alice, bob] = [new Owner(), new Owner()];
    const kept = await alice.upload(a.url, 'Résumé 2026.pdf', randomBytes(1000));
    await alice.upload(b.url, 'notes.txt', Buffer.from('notes'));
    const direct = await bob.uploadDirect(b.url, 'video.bin', randomBytes(MiB));
    const trashed = await bob.upload(a.url, 'old.txt', Buffer.from('old'));
    const purged = await alice.upload(b.url, 'gone.txt', Buffer.from('gone'));
    expect((await bob.call(a.url, 'DELETE', `/api/files/${trashed}`)).status).toBe(204);
    expect((await alice.call(b.url, 'DELETE', `/api/files/${purged}`)).status).toBe(204);
    expect((await alice.call(a.url, 'DELETE', `/api/trash/${purged}`)).status).toBe(204);
    const before = [await seenBy(alice, a.url), await seenBy(bob, b.url)];
    // WHEN the table is dropped, created empty, and rebuilt from the bucket
    await backends.clients.dynamodb.send(new DeleteTableCommand({ TableName: backends.table }));
    await ensureFilesTable(backends.clients.dynamodb, backends.table);
    expect((await seenBy(alice, a.url)).files).toEqual([]);
    const report = await rebuild(a);
    // THEN both owners see exactly what they saw, on either instance, and an owner can still delete their file
    expect(report.at(-1)).toMatch(/adopted 4, finished 0, moved 0 to the trash, left 0 foreign/);
    const after = [await seenBy(alice, b.url), await seenBy(bob, a.url)];
    expect(after.map(withoutChecksums)).toEqual(before.map(withoutChecksums));
    await Promise.all(after.map(checksumsHeld));
    expect(after[1].files.find((f: { id: string }) => f.id === direct)).toMatchObject({ size: MiB, sha256: '' });
    expect((await bob.call(b.url, 'DELETE', `/api/files/${kept}`)).status).toBe(403);
    expect((await alice.call(b.url, 'DELETE', `/api/files/${kept}`)).status).toBe(204);
  });

  it('keeps every newer file through both sweeps on a point-in-time copy older than the bucket, and the rebuild replays later deletes', async () => {
    // GIVEN a file and a direct upload in flight, a copy of the table taken then, and then newer uploads (app and
    // direct), the in-flight upload completing, and a delete
    const carol = new Owner();
    const older = await carol.upload(a.url, 'older.txt', Buffer.from('older'));
    const inFlight = await carol.beginDirect(b.url, 'in-flight.bin', randomBytes(MiB));
    const copy = `${backends.table}-pitr`;
    await copyTable(copy);
    await carol.completeDirect(a.url, inFlight);
    const newer = [
      await carol.upload(b.url, 'newer.txt', Buffer.from('newer')),
      await carol.uploadDirect(a.url, 'newer.bin', randomBytes(MiB)),
    ];
    expect((await carol.call(a.url, 'DELETE', `/api/files/${older}`)).status).toBe(204);
    const live = await seenBy(carol, a.url);
    // WHEN the fleet is pointed at the copy and both sweeps run: the periodic one and the full pass
    const restored = await startAppInstance(backends, { instanceId: 'i-restored', env: { FILES_TABLE: copy } });
    try {
      const stores = { catalog: restored.storage.catalog, blobs: restored.storage.blobs };
      const pastGrace = { ...stores, graceSeconds: 1, now: new Date(Date.now() + 60_000) };
      const periodic = await sweep({ ...pastGrace, orphanWindowSeconds: 86_400 });
      const full = await sweep(pastGrace);
      // THEN no newer body was deleted, each was adopted once, and every newer file is listed
      expect([periodic.adoptedObjects.sort(), full.adoptedObjects, full.foreignObjects]).toEqual([
        newer.map((id) => `files/${id}`).sort(),
        [],
        [],
      ]);
      const listed = (await seenBy(carol, restored.url)).files.map((f: { id: string }) => f.id);
      expect(listed).toEqual(expect.arrayContaining(newer));
      // AND the rebuild finishes the upload that was in flight and moves the file deleted after the copy to the
      // trash, so the copy now shows what the live table did
      const report = await rebuild(restored);
      expect(report).toContainEqual(`finished ${inFlight.id} READY  in-flight.bin`);
      expect(report).toContainEqual(expect.stringMatching(new RegExp(`^trashed ${older} `)));
      const rebuilt = await seenBy(carol, restored.url);
      expect(withoutChecksums(rebuilt)).toEqual(withoutChecksums(live));
      await checksumsHeld(rebuilt);
    } finally {
      await restored.close();
    }
  });
});
