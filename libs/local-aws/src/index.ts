// Local stand-ins for S3 (our own, SigV4-verified), SQS (our own, in memory) and DynamoDB (dynalite behind a
// front adding transactions and TTL) on loopback, for serve and the tests.
export { startDynamoDbServer } from './lib/dynamodb-server';
export { startS3Server } from './lib/s3-server';
export type { RunningS3Server, S3ServerOptions, ScannedBucketOptions } from './lib/s3-server';
export { startSqsServer } from './lib/sqs-server';
export type { SqsServerOptions } from './lib/sqs-server';
export { startLocalMalwareScan } from './lib/local-malware-scan';
export type { LocalMalwareScan, MalwareScanSettings } from './lib/local-malware-scan';
export { startLocalScanner } from './lib/local-scanner';
export type { LocalScanner, LocalScannerOptions } from './lib/local-scanner';
export { EICAR_TEST_STRING, EICAR_THREAT_NAME } from './lib/scanner/eicar';
export type { ScanVerdict } from './lib/scanner/scan-event';
export type { ScanOutcome } from './lib/scanner/scan-tracker';
export { SCAN_STATUS_TAG } from './lib/s3/scan-gate';
export type { RunningServer } from './lib/local-server';
