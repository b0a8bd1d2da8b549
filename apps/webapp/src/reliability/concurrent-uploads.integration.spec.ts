import { createHash, randomBytes } from 'node:crypto';
import { startTestBackends, type TestBackends } from '@ha-uploads/storage/testing';
import { startWebappProcess, type WebappProcess } from '../testing/reliability/webapp-process';
import { seededRandom } from '@ha-uploads/process/testing';

const MiB = 1024 * 1024;
const UPLOADS = 100;
const MAX_SIZE = 5 * MiB;
/** Read-backs in flight at once: the uploads are the concurrent load; the read-back checks every body, as a client. */
const READ_BACKS_AT_ONCE = 8;

interface Sent {
  readonly instance: number;
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
}
interface Answer {
  readonly status: number;
  readonly record?: { id: string; name: string; size: number; sha256: string };
}

let backends: TestBackends;
// Each instance is its own process, as on the fleet: the load's hashing and streaming do not share one event loop
// with the local backends and the test's client.
let instances: WebappProcess[];
const sent: Sent[] = [];
let answers: Answer[];

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function uploadTo(instance: { readonly url: string }, name: string, body: Buffer): Promise<Answer> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(body)]), name);
  const res = await fetch(`${instance.url}/api/files`, { method: 'POST', body: form });
  const json = (await res.json()) as { files?: Answer['record'][] };
  return { status: res.status, record: json.files?.[0] };
}

async function listedIds(instance: { readonly url: string }): Promise<string[]> {
  const res = await fetch(`${instance.url}/api/files?limit=1000`);
  // Listing under load must not fail either: a non-200 here would be a 5xx the upload checks cannot see.
  expect(res.status).toBe(200);
  return ((await res.json()) as { files: { id: string }[] }).files.map((f) => f.id);
}

// The load runs once; each test checks one property of its outcome.
beforeAll(async () => {
  // The read-backs all come from one IP: the per-IP stream cap (its own spec) must not refuse them, even when a
  // place is released a moment after the client read the last byte.
  const streams = String(UPLOADS);
  backends = await startTestBackends({
    env: { MAX_UPLOAD_BYTES: String(MAX_SIZE), DOWNLOAD_STREAMS_PER_IP: streams, DOWNLOAD_STREAMS_MAX: streams },
  });
  instances = await Promise.all([
    startWebappProcess('load-a', backends.env),
    startWebappProcess('load-b', backends.env),
  ]);
  // Seeded sizes, so a failure reproduces; the first two are the edges of the range.
  const random = seededRandom(20_240_605);
  const bodies = Array.from({ length: UPLOADS }, (_, i) => {
    const size = i === 0 ? 0 : i === 1 ? MAX_SIZE : Math.floor(random() * (MAX_SIZE + 1));
    return randomBytes(size);
  });
  for (const [i, body] of bodies.entries())
    sent.push({ instance: i % 2, name: `load-${i}.bin`, size: body.length, sha256: sha256(body) });
  answers = await Promise.all(bodies.map((body, i) => uploadTo(instances[i % 2], sent[i].name, body)));
}, 120_000);

afterAll(async () => {
  await Promise.all((instances ?? []).map((i) => i.stop()));
  await backends?.stop();
});

describe(`${UPLOADS} concurrent uploads of 0 B to 5 MiB spread over two instances`, () => {
  it('answers every upload 201, with no 5xx', () => {
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers.map((a) => a.status)).toEqual(Array(UPLOADS).fill(201));
  });

  it('records the sha256 and size of every body as sent', () => {
    expect(answers.map((a) => [a.record?.name, a.record?.size, a.record?.sha256])).toEqual(
      sent.map((s) => [s.name, s.size, s.sha256]),
    );
  });

  it('lists every file exactly once on both instances', async () => {
    const ids = answers.map((a) => a.record?.id).sort();
    for (const instance of instances) expect((await listedIds(instance)).sort()).toEqual(ids);
  });

  it('serves every body back from the instance that did not receive it, with a matching sha256', async () => {
    const readBack = async (a: Answer, i: number) => {
      const res = await fetch(`${instances[(sent[i].instance + 1) % 2].url}/files/${a.record?.id}`);
      const body = new Uint8Array(await res.arrayBuffer());
      return res.status === 200 ? sha256(body) : `${res.status} ${Buffer.from(body).toString('utf8')}`;
    };
    const downloaded: string[] = [];
    for (let start = 0; start < answers.length; start += READ_BACKS_AT_ONCE) {
      const batch = answers.slice(start, start + READ_BACKS_AT_ONCE);
      downloaded.push(...(await Promise.all(batch.map((a, j) => readBack(a, start + j)))));
    }
    expect(downloaded).toEqual(sent.map((s) => s.sha256));
  });
});
