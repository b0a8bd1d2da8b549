import { z } from 'zod';

// S3's bucket naming rules for general purpose buckets (no dots, so TLS virtual-host names stay valid).
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** `stateBucket` of a deployment config: an S3 bucket name terraform keeps the state in. */
export const stateBucketSchema = z
  .string()
  .regex(
    BUCKET_NAME,
    'must be an S3 bucket name: 3-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit',
  )
  .refine(
    (name) =>
      !name.startsWith('xn--') &&
      !name.startsWith('sthree-') &&
      !name.endsWith('-s3alias') &&
      !name.endsWith('--ol-s3'),
    'must not use a prefix or suffix S3 reserves (xn--, sthree-, -s3alias, --ol-s3)',
  );

/** `stateKey` of a deployment config: the object key of the state file in the bucket. */
export const stateKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9!_.*'()/-]{1,1024}$/, "must be an S3 object key of letters, digits and !_.*'()/-")
  .refine((key) => !key.startsWith('/') && !key.endsWith('/'), 'must not start or end with a slash');

/** The state key of an environment when its file names none. */
export function defaultStateKey(environment: string): string {
  return `ha-uploads/${environment}/terraform.tfstate`;
}
