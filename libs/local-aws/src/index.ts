// Local stand-ins for S3 (our own, SigV4-verified) and DynamoDB (dynalite behind a front adding transactions and
// TTL) on loopback, for serve and the tests.
export { startDynamoDbServer } from './lib/dynamodb-server';
export { startS3Server } from './lib/s3-server';
export type { RunningServer } from './lib/local-server';
