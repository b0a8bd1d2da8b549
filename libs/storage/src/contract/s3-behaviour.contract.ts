import { AbortMultipartUploadCommand, DeleteObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describeS3Authentication } from './s3-auth.contract';
import { describeS3Cors } from './s3-cors.contract';
import { describeS3Multipart } from './s3-multipart.contract';
import { describeS3Objects } from './s3-objects.contract';
import type { S3Target } from './s3-targets';

/**
 * Every S3 behaviour the app relies on, one test each, against the S3 `getTarget` opens: the local S3 on every
 * npm test, real AWS under storage:contract-aws.
 */
export function describeS3BehaviourContract(getTarget: () => Promise<S3Target>): void {
  let target: S3Target | undefined;
  const current = (): S3Target => {
    if (!target) throw new Error('the S3 target did not open');
    return target;
  };

  describe('S3 behaviour', () => {
    beforeAll(async () => {
      target = await getTarget();
    });

    afterAll(async () => {
      if (!target) return;
      await removeEverythingUnder(target);
      await target.stop();
    });

    describeS3Authentication(current);
    describeS3Objects(current);
    describeS3Multipart(current);
    describeS3Cors(current);
  });
}

/** Deletes the run's objects and aborts its uploads, so a shared scratch bucket keeps nothing. */
async function removeEverythingUnder(target: S3Target): Promise<void> {
  const { s3, bucket, prefix } = target;
  const objects = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  await Promise.all((objects.Contents ?? []).map((o) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key }))));
  const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }));
  await Promise.all((uploads.Uploads ?? []).map((u) => s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }))));
}
