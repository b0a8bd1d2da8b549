import { Readable } from 'node:stream';
import {
  type AwsClients,
  createAwsClients,
  DynamoDbFileCatalog,
  DynamoDbUsageCounters,
  S3BlobStore,
} from '@ha-uploads/storage';
import { useTempDirectory } from '@ha-uploads/process/testing';
import { readAll } from '@ha-uploads/storage/testing';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { EICAR_TEST_STRING } from '@ha-uploads/local-aws';
import { startLocalBackends, type LocalBackends } from './embedded-backends';

const MiB = 1024 * 1024;
const BUCKET = 'embedded-files';
const TABLE = 'embedded-files';

function storesFor(backends: LocalBackends): {
  clients: AwsClients;
  blobStore: S3BlobStore;
  catalog: DynamoDbFileCatalog;
} {
  const clients = createAwsClients({
    awsRegion: 'us-east-1',
    s3Endpoint: backends.s3Endpoint,
    dynamodbEndpoint: backends.dynamodbEndpoint,
  });
  return {
    clients,
    blobStore: new S3BlobStore({ s3: clients.s3, bucket: BUCKET, partSizeBytes: 5 * MiB, queueSize: 1 }),
    catalog: new DynamoDbFileCatalog({ dynamodb: clients.dynamodb, table: TABLE }),
  };
}

describe('startLocalBackends', () => {
  const dataDir = useTempDirectory('webapp-embedded-', 'all');

  it('serves loopback endpoints on free ports with the bucket and table created', async () => {
    const backends = await startLocalBackends({ bucket: BUCKET, table: TABLE });
    const { clients, blobStore, catalog } = storesFor(backends);
    try {
      expect(backends.s3Endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(backends.dynamodbEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await expect(blobStore.ping()).resolves.toBeUndefined();
      await expect(catalog.ping()).resolves.toBeUndefined();
    } finally {
      clients.destroy();
      await backends.close();
    }
  });

  it('scans new files with malwareScan and names the results queue in its env', async () => {
    // GIVEN backends that scan
    const backends = await startLocalBackends({ bucket: BUCKET, malwareScan: { unscannable: 'allow', delayMs: 0 } });
    const { clients } = storesFor(backends);
    try {
      // WHEN an EICAR file is stored
      await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'files/eicar', Body: EICAR_TEST_STRING }));
      // THEN the scanner finds it, S3 refuses it to the app, and the env tells the app where results arrive
      expect(await backends.malwareScan?.scanner.scanned('files/eicar')).toBe('THREATS_FOUND');
      await expect(clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'files/eicar' }))).rejects.toMatchObject(
        { name: 'AccessDenied' },
      );
      expect(backends.malwareScan?.env).toMatchObject({
        MALWARE_SCAN: 'on',
        SCAN_UNSCANNABLE: 'allow',
        SQS_ENDPOINT: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      });
    } finally {
      clients.destroy();
      await backends.close();
    }
  });

  it('refuses malwareScan without the bucket to scan', async () => {
    await expect(startLocalBackends({ malwareScan: { unscannable: 'block' } })).rejects.toThrow(
      'malware scanning needs the bucket it scans',
    );
  });

  it('creates the limits table when asked, ready to count', async () => {
    // GIVEN
    const backends = await startLocalBackends({ limitsTable: 'embedded-limits' });
    const { clients } = storesFor(backends);
    try {
      // WHEN
      const counters = new DynamoDbUsageCounters({ dynamodb: clients.dynamodb, table: 'embedded-limits' });
      // THEN
      await expect(
        counters.add([{ key: 'uploads-ip#127.0.0.1#2026-12-01T12:00', amount: 1, expiresAtSeconds: 1_800_000_000 }]),
      ).resolves.toEqual([1]);
    } finally {
      clients.destroy();
      await backends.close();
    }
  });

  it('keeps objects and entries across a restart on the same data directory', async () => {
    // GIVEN a file stored through the first run
    const first = await startLocalBackends({ dataDir: dataDir(), bucket: BUCKET, table: TABLE });
    const before = storesFor(first);
    await before.blobStore.put('objects/kept', Readable.from([Buffer.from('still here')]), {
      contentType: 'text/plain',
      maxBytes: 100,
    });
    await before.catalog.putPending({
      id: '01JTESTKEPT000000000000000',
      name: 'kept.txt',
      contentType: 'text/plain',
      uploadedAt: '2025-01-01T00:00:00.000Z',
      uploadedBy: 'i-first',
      objectKey: 'objects/kept',
    });
    await before.catalog.markReady('01JTESTKEPT000000000000000', {
      size: 10,
      sha256: 'b'.repeat(64),
      contentType: 'text/plain',
    });
    before.clients.destroy();
    await first.close();
    // WHEN the backends start again on the same directory
    const second = await startLocalBackends({ dataDir: dataDir(), bucket: BUCKET, table: TABLE });
    const after = storesFor(second);
    try {
      // THEN both the body and the listing are back
      const { records } = await after.catalog.listReady({ limit: 10 });
      expect(records.map((r) => r.name)).toEqual(['kept.txt']);
      const read = await after.blobStore.get('objects/kept');
      expect((await readAll(read.body)).toString()).toBe('still here');
    } finally {
      after.clients.destroy();
      await second.close();
    }
  });

  it('fails to start on a port that is taken, leaving nothing running', async () => {
    const first = await startLocalBackends();
    try {
      const port = Number(new URL(first.s3Endpoint).port);
      await expect(startLocalBackends({ s3Port: port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});
