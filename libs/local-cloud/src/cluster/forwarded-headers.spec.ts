import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postHeadersOnly } from '@ha-uploads/process/testing';
import { createLoadBalancer, type LoadBalancer } from './load-balancer';

// A target that answers every request with the headers it received.
async function startEchoTarget(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('local load balancer forwarding headers', () => {
  let target: { server: Server; url: string };
  let balancer: LoadBalancer;
  let url: string;

  async function headersSeenBehind(headers: Record<string, string> = {}): Promise<IncomingHttpHeaders> {
    const res = await fetch(`${url}/echo`, { headers });
    return (await res.json()) as IncomingHttpHeaders;
  }

  beforeAll(async () => {
    target = await startEchoTarget();
    balancer = createLoadBalancer({
      targets: [{ id: 'web-1', url: target.url }],
      healthCheck: { intervalMs: 60_000 },
      thresholds: { healthyThreshold: 1 },
    });
    url = await balancer.listen(0);
    await balancer.checkHealth();
  });

  afterAll(async () => {
    await balancer.close();
    await new Promise((resolve) => target.server.close(resolve));
  });

  it('sets X-Forwarded-For to the address it saw the client at', async () => {
    // WHEN
    const seen = await headersSeenBehind();
    // THEN
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
  });

  it("appends its hop after a client's own X-Forwarded-For, as the ALB does", async () => {
    // WHEN
    const seen = await headersSeenBehind({ 'X-Forwarded-For': '198.51.100.9, 203.0.113.1' });
    // THEN
    expect(seen['x-forwarded-for']).toBe('198.51.100.9, 203.0.113.1, 127.0.0.1');
  });

  it('overwrites a client-sent X-Forwarded-Proto with the protocol the client used', async () => {
    // WHEN
    const seen = await headersSeenBehind({ 'X-Forwarded-Proto': 'https' });
    // THEN
    expect(seen['x-forwarded-proto']).toBe('http');
  });

  it('sets X-Forwarded-Port to the port the client connected to', async () => {
    // WHEN
    const seen = await headersSeenBehind({ 'X-Forwarded-Port': '443' });
    // THEN
    expect(seen['x-forwarded-port']).toBe(new URL(url).port);
  });

  it('passes the headers on before the body, so a target can answer first', async () => {
    // WHEN
    const res = await postHeadersOnly(url, '/echo', { 'content-type': 'application/octet-stream' });
    // THEN
    expect(res.status).toBe(200);
  });
});
