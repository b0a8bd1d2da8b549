import { GetObjectTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import { SCAN_STATUSES, SCAN_TAG_KEY, type ScanStatus, type ScanTagReader } from '@ha-uploads/files';
import { callBackend } from './backend-errors';

/** Settings of S3ScanTags. */
export interface S3ScanTagsProps {
  readonly s3: S3Client;
  readonly bucket: string;
}

/** Reads GuardDuty's `GuardDutyMalwareScanStatus` tag of an object (s3:GetObjectTagging). */
export class S3ScanTags implements ScanTagReader {
  constructor(private readonly props: S3ScanTagsProps) {}

  async scanStatus(objectKey: string): Promise<ScanStatus | undefined> {
    const out = await callBackend('S3', async () => {
      try {
        return await this.props.s3.send(new GetObjectTaggingCommand({ Bucket: this.props.bucket, Key: objectKey }));
      } catch (err) {
        // A gone object has no verdict to give; its entry is the sweeper's.
        if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
        throw err;
      }
    });
    const value = out?.TagSet?.find((tag) => tag.Key === SCAN_TAG_KEY)?.Value;
    return SCAN_STATUSES.find((status) => status === value);
  }
}
