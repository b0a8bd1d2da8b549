import { createServer, type Server } from 'node:http';
import { closeServer, listenLocal } from '../testing/test-app';
import { looksLikeEc2, resolveInstanceId } from './instance-identity';

// A fake IMDSv2: a token from PUT, and 401 for any GET without it (as on instances that disable IMDSv1).
function fakeImds(): Server {
  return createServer((req, res) => {
    if (
      req.method === 'PUT' &&
      req.url === '/latest/api/token' &&
      req.headers['x-aws-ec2-metadata-token-ttl-seconds']
    ) {
      return res.end('token-123');
    }
    if (req.headers['x-aws-ec2-metadata-token'] !== 'token-123') {
      res.statusCode = 401;
      return res.end();
    }
    const answers: Record<string, string> = {
      '/latest/meta-data/instance-id': 'i-0abc123def4567890',
      '/latest/meta-data/placement/availability-zone': 'us-east-1a',
    };
    res.statusCode = answers[req.url ?? ''] ? 200 : 404;
    res.end(answers[req.url ?? ''] ?? '');
  });
}

const imds = fakeImds();
let endpoint: string;
beforeAll(async () => {
  endpoint = await listenLocal(imds);
});
afterAll(() => closeServer(imds));

const notEc2 = { readFile: async () => 'QEMU', hostname: () => 'dev-box' };

describe('resolveInstanceId', () => {
  it('prefers INSTANCE_ID', async () => {
    expect(await resolveInstanceId({ instanceId: 'web-1', imdsEndpoint: endpoint }, notEc2)).toBe('web-1');
  });

  it('reads instance id and zone through IMDSv2', async () => {
    expect(await resolveInstanceId({ imdsEndpoint: endpoint }, notEc2)).toBe('i-0abc123def4567890 (us-east-1a)');
  });

  it('falls back to the hostname when IMDS fails', async () => {
    const broken = { ...notEc2, fetch: (async () => new Response('', { status: 500 })) as typeof fetch };
    expect(await resolveInstanceId({ imdsEndpoint: endpoint }, broken)).toBe('dev-box');
  });

  it('uses the hostname off EC2 without touching the network', async () => {
    const fetchSpy = jest.fn();
    expect(await resolveInstanceId({}, { ...notEc2, fetch: fetchSpy })).toBe('dev-box');
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('looksLikeEc2', () => {
  it('recognizes the EC2 vendor string', async () => {
    expect(await looksLikeEc2(async () => 'Amazon EC2\n')).toBe(true);
  });

  it('recognizes an instance id asset tag', async () => {
    expect(await looksLikeEc2(async (p) => (p.endsWith('board_asset_tag') ? 'i-0abc123def4567890' : 'Xen'))).toBe(true);
  });

  it('is false when the DMI files are missing', async () => {
    expect(await looksLikeEc2(async () => Promise.reject(new Error('ENOENT')))).toBe(false);
  });
});
