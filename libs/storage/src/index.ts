// The AWS adapters of the file domain's ports: S3 for bodies, DynamoDB for the catalog.
export { createAwsClients } from './lib/aws-clients';
export type { AwsClients } from './lib/aws-clients';
export { DynamoDbFileCatalog } from './lib/dynamodb-file-catalog';
export { S3BlobStore } from './lib/s3-blob-store';
export { S3MultipartStore } from './lib/s3-multipart-store';
export {
  ensureBucketCors,
  ensureFilesBucket,
  ensureFilesTable,
  ensureLimitsTable,
  ensureResources,
} from './lib/ensure-resources';
export { DynamoDbUsageCounters } from './lib/dynamodb-usage-counters';
export { FILES_TABLE_SCHEMA } from './lib/files-table';
export { migrateCatalog } from './lib/migrate-catalog';
export type { MigratedEntry } from './lib/migrate-catalog';
export { createSqsClient } from './lib/sqs-client';
export { SqsScanResults } from './lib/sqs-scan-results';
export type { SqsScanResultsProps } from './lib/sqs-scan-results';
export { S3ScanTags } from './lib/s3-scan-tags';
export type { S3ScanTagsProps } from './lib/s3-scan-tags';
export { parseScanEvent } from './lib/guardduty-scan-event';
