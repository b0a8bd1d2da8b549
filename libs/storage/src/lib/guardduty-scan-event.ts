import { SCAN_STATUSES, type ScanMessage } from '@ha-uploads/files';
import { z } from 'zod';

/**
 * The EventBridge event GuardDuty Malware Protection for S3 sends for each scanned object, as an SQS target receives
 * it: only the fields the app relies on are checked; anything else in the body is ignored.
 */
const scanResultEvent = z.object({
  source: z.literal('aws.guardduty'),
  'detail-type': z.literal('GuardDuty Malware Protection Object Scan Result'),
  detail: z.object({
    scanStatus: z.string(),
    resourceType: z.literal('S3_OBJECT'),
    s3ObjectDetails: z.object({ bucketName: z.string(), objectKey: z.string().min(1) }),
    scanResultDetails: z.object({
      scanResultStatus: z.enum(SCAN_STATUSES),
      threats: z
        .array(z.object({ name: z.string() }))
        .nullish()
        .transform((threats) => (threats ?? []).map((threat) => threat.name)),
    }),
  }),
});

/**
 * A queue message's body as a verdict on an object of `bucket`, or why it is none: not JSON, not the GuardDuty event,
 * or for another bucket. Never trusted further than this check.
 */
export function parseScanEvent(handle: string, body: string | undefined, bucket: string): ScanMessage {
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch {
    return { handle, rejected: 'the body is not JSON' };
  }
  const parsed = scanResultEvent.safeParse(json);
  if (!parsed.success) return { handle, rejected: 'the body is not a GuardDuty object scan result' };
  const { s3ObjectDetails, scanResultDetails } = parsed.data.detail;
  if (s3ObjectDetails.bucketName !== bucket)
    return { handle, rejected: `a result for another bucket: ${s3ObjectDetails.bucketName}` };
  return {
    handle,
    objectKey: s3ObjectDetails.objectKey,
    status: scanResultDetails.scanResultStatus,
    threats: scanResultDetails.threats,
  };
}
