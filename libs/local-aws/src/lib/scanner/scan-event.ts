import { randomUUID } from 'node:crypto';
import { EICAR_THREAT_NAME } from './eicar';

/** The verdicts the local scanner gives (GuardDuty also gives ACCESS_DENIED and FAILED). */
export type ScanVerdict = 'NO_THREATS_FOUND' | 'THREATS_FOUND' | 'UNSUPPORTED';

/** The object a scan was about. */
export interface ScannedObject {
  readonly bucket: string;
  readonly key: string;
  /** Quoted, as S3 sends it in headers. */
  readonly etag: string;
}

/** The account id local events carry. */
const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * GuardDuty's "Object Scan Result" event for one scan, as EventBridge delivers it to an SQS target (the message
 * body is the event's JSON). The local S3 keeps no versions, so versionId is S3's "null" version.
 */
export function scanResultEvent(object: ScannedObject, verdict: ScanVerdict, region: string, now = new Date()): object {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'GuardDuty Malware Protection Object Scan Result',
    source: 'aws.guardduty',
    account: LOCAL_ACCOUNT_ID,
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:guardduty:${region}:${LOCAL_ACCOUNT_ID}:malware-protection-plan/local`],
    detail: {
      schemaVersion: '1.0',
      scanStatus: verdict === 'UNSUPPORTED' ? 'SKIPPED' : 'COMPLETED',
      resourceType: 'S3_OBJECT',
      s3ObjectDetails: {
        bucketName: object.bucket,
        objectKey: object.key,
        eTag: object.etag.replace(/"/g, ''),
        versionId: 'null',
        s3Throttled: false,
      },
      scanResultDetails: {
        scanResultStatus: verdict,
        threats: verdict === 'THREATS_FOUND' ? [{ name: EICAR_THREAT_NAME }] : null,
      },
    },
  };
}
