import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { startTestBackends, type TestBackends } from '@ha-uploads/storage/testing';
import { createLoadBalancer, type LoadBalancer } from '@ha-uploads/local-cloud';
import { startAppInstance, type AppInstance } from '../testing/reliability/app-instance';
import { postHeadersOnly, MULTIPART_TYPE, singleFileBody } from '@ha-uploads/process/testing';

// Two instances over one dynalite and one local S3, behind the local ALB stand-in, sharing the per-IP limit.
const PER_IP = 3;
const AT = Date.parse('2026-12-01T12:00:50Z');

let backends: TestBackends;
let instances: AppInstance[];
let balancer: LoadBalancer;
let url: string;

beforeAll(async () => {
  backends = await startTestBackends({
    env: {
      UPLOADS_PER_MINUTE_PER_IP: String(PER_IP),
      UPLOADS_PER_MINUTE_PER_CLIENT: '0',
      UPLOAD_BYTES_PER_DAY_PER_CLIENT: '0',
      TRUST_PROXY_HOPS: '1',
    },
  });
  instances = [
    await startAppInstance(backends, { instanceId: 'web-1', now: () => AT }),
    await startAppInstance(backends, { instanceId: 'web-2', now: () => AT }),
  ];
  balancer = createLoadBalancer({
    targets: instances.map((instance, i) => ({ id: `web-${i + 1}`, url: instance.url })),
    healthCheck: { intervalMs: 60_000 },
    thresholds: { healthyThreshold: 1 },
  });
  url = await balancer.listen(0);
  await balancer.checkHealth();
});

afterAll(async () => {
  await balancer?.close();
  await Promise.all((instances ?? []).map((instance) => instance.close()));
  await backends?.stop();
});

// Each upload claims another origin in its own X-Forwarded-For, which must not reset the count.
async function upload(n: number): Promise<Response> {
  return fetch(`${url}/api/files`, {
    method: 'POST',
    headers: { 'content-type': MULTIPART_TYPE, 'x-forwarded-for': `198.51.100.${n}` },
    body: new Uint8Array(singleFileBody(`limited-${n}.txt`, Buffer.from(`upload ${n}`))),
  });
}

async function objectCount(): Promise<number> {
  const { KeyCount } = await backends.clients.s3.send(new ListObjectsV2Command({ Bucket: backends.bucket }));
  return KeyCount ?? 0;
}

describe('fleet-wide upload limits (two instances, dynalite)', () => {
  let admitted: Response[];
  let refused: Response;

  beforeAll(async () => {
    admitted = [];
    for (let n = 1; n <= PER_IP; n++) admitted.push(await upload(n));
    refused = await upload(PER_IP + 1);
  });

  it('admits the first uploads on both instances', () => {
    expect(admitted.map((res) => res.status)).toEqual([201, 201, 201]);
    expect(new Set(admitted.map((res) => res.headers.get('x-served-by')))).toEqual(new Set(['web-1', 'web-2']));
  });

  it('refuses the next one on whichever instance gets it, since the count is shared', async () => {
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });

  it('says when to retry', () => {
    expect(refused.headers.get('retry-after')).toBe('10');
  });

  it('refuses a spoofed X-Forwarded-For on every instance', async () => {
    const again = await Promise.all([upload(200), upload(201)]);
    expect(again.map((res) => res.status)).toEqual([429, 429]);
    expect(new Set(again.map((res) => res.headers.get('x-served-by')))).toEqual(new Set(['web-1', 'web-2']));
  });

  it('answers before the body is sent', async () => {
    const res = await postHeadersOnly(url, '/api/files', { 'content-type': MULTIPART_TYPE });
    expect([res.status, res.headers['retry-after']]).toEqual([429, '10']);
  });

  it('stores and lists nothing for a refused upload', async () => {
    const listing = (await (await fetch(`${url}/api/files`)).json()) as { files: { name: string }[] };
    expect(listing.files.map((f) => f.name).sort()).toEqual(['limited-1.txt', 'limited-2.txt', 'limited-3.txt']);
    expect(await objectCount()).toBe(PER_IP);
  });
});
