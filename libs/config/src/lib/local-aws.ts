/**
 * The one access key the local S3 and DynamoDB stand-ins accept, and that every client of a local endpoint signs
 * with. Not a secret: it opens only servers on loopback.
 */
export const LOCAL_AWS_CREDENTIALS = {
  accessKeyId: 'LOCALAWSACCESSKEY',
  secretAccessKey: 'local-aws-secret-access-key',
} as const;

/**
 * The access key of the local malware scanner (the stand-in for GuardDuty's role): the local S3 and SQS accept it
 * beside the app's, and the bucket policy stand-in tells the two apart by it. Not a secret either.
 */
export const LOCAL_SCANNER_CREDENTIALS = {
  accessKeyId: 'LOCALSCANNERACCESSKEY',
  secretAccessKey: 'local-scanner-secret-access-key',
} as const;

/** Days after which the files bucket's lifecycle rule (and the local S3) removes an incomplete multipart upload. */
export const INCOMPLETE_MULTIPART_UPLOAD_DAYS = 1;
