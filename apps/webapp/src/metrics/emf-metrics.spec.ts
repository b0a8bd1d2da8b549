import { APP_METRICS } from '@ha-uploads/config';
import { createEmfMetrics } from './emf-metrics';

type Doc = Record<string, unknown> & {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
};

function recorder() {
  const docs: Doc[] = [];
  const metrics = createEmfMetrics({
    instanceId: 'web-1',
    destination: { kind: 'log', write: (d) => docs.push(d as Doc) },
  });
  return { docs, metrics };
}

describe('EMF app metrics written through the logs', () => {
  it('records a stored upload as count, bytes and duration, with no dimension, in the app namespace', async () => {
    const { docs, metrics } = recorder();
    metrics.uploadStored(2_048, 12.5);
    await metrics.flush();
    expect(docs).toEqual([
      {
        InstanceId: 'web-1',
        Uploads: 1,
        UploadBytes: 2_048,
        UploadDuration: 12.5,
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: APP_METRICS.namespace,
              Dimensions: [[]],
              Metrics: expect.arrayContaining([
                { Name: 'Uploads', Unit: 'Count' },
                { Name: 'UploadBytes', Unit: 'Bytes' },
                { Name: 'UploadDuration', Unit: 'Milliseconds' },
              ]),
            },
          ],
        },
      },
    ]);
    expect(docs[0]._aws.CloudWatchMetrics[0].Metrics).toHaveLength(3);
  });

  it('records a failure by its code', async () => {
    const { docs, metrics } = recorder();
    metrics.uploadFailed('FILE_TOO_LARGE');
    await metrics.flush();
    expect(docs[0]).toMatchObject({ Code: 'FILE_TOO_LARGE', UploadFailures: 1 });
    expect(docs[0]._aws.CloudWatchMetrics[0].Dimensions).toEqual([['Code']]);
  });

  it('gauges uploads in flight per instance as they start and end, counting each end once', async () => {
    const { docs, metrics } = recorder();
    const endFirst = metrics.uploadStarted();
    const endSecond = metrics.uploadStarted();
    endFirst();
    endFirst();
    endSecond();
    await metrics.flush();
    expect(docs.map((d) => d.InFlightUploads)).toEqual([1, 2, 1, 0]);
    expect(docs[0]._aws.CloudWatchMetrics[0].Dimensions).toEqual([['InstanceId']]);
  });

  it('counts rate-limit refusals, naming the limit, and sweeper work', async () => {
    const { docs, metrics } = recorder();
    metrics.rateLimitRefused('uploads-per-minute-per-client');
    metrics.swept(3);
    await metrics.flush();
    expect(docs).toEqual([
      expect.objectContaining({ RateLimitRefusals: 1, Limit: 'uploads-per-minute-per-client' }),
      expect.objectContaining({ SweptItems: 3 }),
    ]);
  });

  it('uses only the metric names of the shared contract', async () => {
    const { docs, metrics } = recorder();
    metrics.uploadStored(1, 1);
    metrics.uploadFailed('X');
    metrics.uploadStarted()();
    metrics.rateLimitRefused('x');
    metrics.swept(1);
    metrics.scanResult('recorded', true);
    await metrics.flush();
    const names = new Set(docs.flatMap((d) => d._aws.CloudWatchMetrics[0].Metrics.map((m) => m.Name)));
    expect([...names].sort()).toEqual(Object.values(APP_METRICS.names).sort());
  });

  it('counts a scan result by its outcome', async () => {
    const { docs, metrics } = recorder();
    metrics.scanResult('unknown', false);
    await metrics.flush();
    expect(docs).toEqual([expect.objectContaining({ Outcome: 'unknown', ScanResults: 1 })]);
  });

  it('counts an infected file as its own metric, with no dimension, for the alarm', async () => {
    const { docs, metrics } = recorder();
    metrics.scanResult('recorded', true);
    await metrics.flush();
    expect(docs.find((d) => 'InfectedFiles' in d)?._aws.CloudWatchMetrics[0].Dimensions).toEqual([[]]);
  });
});
