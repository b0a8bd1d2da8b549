import request from 'supertest';
import { type AppInstance } from '../testing/reliability/app-instance';
import { useAppFleet } from '../testing/reliability/app-fleet';

// Two instances over one dynalite + local S3; two browsers (cookie jars) and one script that keeps no cookies.
// Ownership needs no shared key and no session store: every instance checks it from the request alone.
const { backends, a, b } = useAppFleet({
  instances: { a: { instanceId: 'instance-a' }, b: { instanceId: 'instance-b' } },
});

/** A cookie-keeping client of one instance at a time: a browser with its CSRF token and owner cookie. */
class Browser {
  private cookies = new Map<string, string>();
  token = '';

  async open(instance: AppInstance): Promise<void> {
    const page = await this.send(request(instance.url).get('/'));
    this.token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  }

  async send(req: request.Test): Promise<request.Response> {
    const res = await req.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    for (const line of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
      const [pair] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  form(instance: AppInstance, path: string): Promise<request.Response> {
    return this.send(
      request(instance.url)
        .post(path)
        .set('Origin', instance.url)
        .set('Sec-Fetch-Site', 'same-origin')
        .type('form')
        .send({ _csrf: this.token }),
    );
  }

  async upload(instance: AppInstance, name: string): Promise<string> {
    const res = await this.send(
      request(instance.url)
        .post('/api/files')
        .attach('file', Buffer.from(`body of ${name}`), name),
    );
    expect(res.status).toBe(201);
    return res.body.files[0].id;
  }
}

const stateOf = async (id: string) => (await backends.catalog.get(id))?.state;

describe('two cookie jars and a cookieless client across two instances', () => {
  let alice: Browser;
  let bob: Browser;

  beforeEach(async () => {
    alice = new Browser();
    bob = new Browser();
    await alice.open(a);
    await bob.open(b);
  });

  it('keeps an owner the same on the other instance: Alice uploads on A and deletes, restores and purges on B', async () => {
    const id = await alice.upload(a, 'alice.txt');
    expect((await alice.send(request(b.url).delete(`/api/files/${id}`))).status).toBe(204);
    expect((await alice.send(request(b.url).post(`/api/trash/${id}/restore`))).status).toBe(200);
    expect(await stateOf(id)).toBe('READY');
    expect((await alice.send(request(a.url).delete(`/api/trash/${id}`))).status).toBe(204);
    expect(await stateOf(id)).toBeUndefined();
  });

  it.each([
    ['DELETE /api/files/:id', (id: string, on: AppInstance) => request(on.url).delete(`/api/files/${id}`)],
    ['DELETE /api/trash/:id', (id: string, on: AppInstance) => request(on.url).delete(`/api/trash/${id}`)],
  ])(
    'refuses %s by the other jar and by the cookieless client on either instance, and the file stays',
    async (_route, send) => {
      const id = await alice.upload(a, 'kept.txt');
      for (const on of [a, b]) {
        const byBob = await bob.send(send(id, on));
        const byScript = await send(id, on);
        expect([byBob.status, byBob.body.error.code, byScript.status, byScript.body.error.code]).toEqual([
          403,
          'NOT_OWNER',
          403,
          'NOT_OWNER',
        ]);
      }
      expect(await stateOf(id)).toBe('READY');
      expect((await request(b.url).get(`/files/${id}`)).text).toBe('body of kept.txt');
    },
  );

  it('refuses POST /api/trash/:id/restore by anyone but the owner on either instance', async () => {
    const id = await alice.upload(a, 'trashed.txt');
    await alice.send(request(a.url).delete(`/api/files/${id}`));
    for (const on of [a, b]) {
      expect((await bob.send(request(on.url).post(`/api/trash/${id}/restore`))).status).toBe(403);
      expect((await request(on.url).post(`/api/trash/${id}/restore`)).status).toBe(403);
    }
    expect(await stateOf(id)).toBe('TRASHED');
  });

  it.each(['delete', 'purge'])(
    "answers 403 to the other jar's valid form POST /files/:id/%s on either instance",
    async (action) => {
      const id = await alice.upload(a, `${action}.txt`);
      for (const on of [a, b]) {
        const res = await bob.form(on, `/files/${id}/${action}`);
        expect(res.status).toBe(403);
      }
      expect(await stateOf(id)).toBe('READY');
    },
  );

  it("answers 403 to the other jar's form POST /files/:id/restore", async () => {
    const id = await alice.upload(a, 'restore.txt');
    await alice.form(b, `/files/${id}/delete`);
    expect((await bob.form(a, `/files/${id}/restore`)).status).toBe(403);
    expect(await stateOf(id)).toBe('TRASHED');
    expect((await alice.form(a, `/files/${id}/restore`)).status).toBe(303);
    expect(await stateOf(id)).toBe('READY');
  });

  it('gives the cookieless client a token it can use on the other instance, and a new identity per upload without it', async () => {
    const first = await request(a.url).post('/api/files').attach('file', Buffer.from('x'), 'script.txt');
    const second = await request(b.url).post('/api/files').attach('file', Buffer.from('y'), 'script2.txt');
    expect(first.body.ownerToken).not.toBe(second.body.ownerToken);
    const id = first.body.files[0].id;
    expect(
      (await request(b.url).delete(`/api/files/${id}`).auth(second.body.ownerToken, { type: 'bearer' })).status,
    ).toBe(403);
    expect(
      (await request(b.url).delete(`/api/files/${id}`).auth(first.body.ownerToken, { type: 'bearer' })).status,
    ).toBe(204);
  });

  it("uploads through the form (POST /upload) as the jar's owner, seen as theirs on the other instance", async () => {
    const res = await alice.send(
      request(b.url)
        .post('/upload')
        .set('Origin', b.url)
        .set('Sec-Fetch-Site', 'same-origin')
        .field('_csrf', alice.token)
        .attach('file', Buffer.from('f'), 'form.txt'),
    );
    expect(res.status).toBe(303);
    const listed = await alice.send(request(a.url).get('/api/files'));
    const mine = listed.body.files.find((f: { name: string }) => f.name === 'form.txt');
    expect([mine.yours, mine.canDelete]).toEqual([true, true]);
    const asBob = (await bob.send(request(a.url).get('/api/files'))).body.files.find(
      (f: { name: string }) => f.name === 'form.txt',
    );
    expect([asBob.yours, asBob.canDelete]).toEqual([false, false]);
  });
});
