import { parseScanEvent } from './guardduty-scan-event';

/** A GuardDuty object scan result as EventBridge delivers it to an SQS target. */
function event(overrides: { bucket?: string; key?: string; status?: string; threats?: unknown } = {}) {
  return {
    version: '0',
    id: '72c7d362-737a-6dce-fc78-9e27a0171419',
    'detail-type': 'GuardDuty Malware Protection Object Scan Result',
    source: 'aws.guardduty',
    account: '111122223333',
    time: '2026-12-07T12:00:00Z',
    region: 'us-east-1',
    resources: ['arn:aws:guardduty:us-east-1:111122223333:malware-protection-plan/abc'],
    detail: {
      schemaVersion: '1.0',
      scanStatus: 'COMPLETED',
      resourceType: 'S3_OBJECT',
      s3ObjectDetails: {
        bucketName: overrides.bucket ?? 'files',
        objectKey: overrides.key ?? 'files/X',
        eTag: 'e',
        versionId: 'v',
        s3Throttled: false,
      },
      scanResultDetails: {
        scanResultStatus: overrides.status ?? 'THREATS_FOUND',
        threats: 'threats' in overrides ? overrides.threats : [{ name: 'EICAR-Test-File (not a virus)' }],
      },
    },
  };
}

describe('parseScanEvent', () => {
  it('reads the object and verdict of a scan result for our bucket', () => {
    expect(parseScanEvent('h', JSON.stringify(event()), 'files')).toEqual({
      handle: 'h',
      objectKey: 'files/X',
      status: 'THREATS_FOUND',
      threats: ['EICAR-Test-File (not a virus)'],
    });
  });

  it('reads a clean result whose threats are null', () => {
    expect(
      parseScanEvent('h', JSON.stringify(event({ status: 'NO_THREATS_FOUND', threats: null })), 'files'),
    ).toMatchObject({ threats: [] });
  });

  it('rejects a result for another bucket', () => {
    expect(parseScanEvent('h', JSON.stringify(event({ bucket: 'other' })), 'files')).toEqual({
      handle: 'h',
      rejected: 'a result for another bucket: other',
    });
  });

  it('rejects a body that is not JSON', () => {
    expect(parseScanEvent('h', '{', 'files')).toEqual({ handle: 'h', rejected: 'the body is not JSON' });
  });

  it("rejects another source's event", () => {
    expect(parseScanEvent('h', JSON.stringify({ ...event(), source: 'my.app' }), 'files')).toMatchObject({
      rejected: expect.any(String),
    });
  });

  it('rejects an unknown scan status', () => {
    expect(parseScanEvent('h', JSON.stringify(event({ status: 'PROBABLY_FINE' })), 'files')).toMatchObject({
      rejected: expect.any(String),
    });
  });
});
