import { describeS3Authentication } from './s3-auth.contract';
import { describeS3Cors } from './s3-cors.contract';
import { describeS3Multipart } from './s3-multipart.contract';
import { describeS3Objects } from './s3-objects.contract';
import { removeEverythingUnder, type S3Target } from './s3-targets';

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
