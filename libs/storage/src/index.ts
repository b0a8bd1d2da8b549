// The AWS adapters of the file domain's ports: S3 for bodies, DynamoDB for the catalog.
export { createAwsClients } from './lib/aws-clients';
export type { AwsClients, AwsClientsConfig } from './lib/aws-clients';
export { callBackend, isUnavailable, toBackendError } from './lib/backend-errors';
export { DynamoDbFileCatalog } from './lib/dynamodb-file-catalog';
export type { DynamoDbFileCatalogProps } from './lib/dynamodb-file-catalog';
export { S3BlobStore } from './lib/s3-blob-store';
export { S3MultipartStore } from './lib/s3-multipart-store';
export type { S3MultipartStoreProps } from './lib/s3-multipart-store';
export type { S3BlobStoreProps } from './lib/s3-blob-store';
export { ensureBucketCors, ensureFilesBucket, ensureFilesTable, ensureLimitsTable, ensureResources } from './lib/ensure-resources';
export { DynamoDbUsageCounters } from './lib/dynamodb-usage-counters';
export type { DynamoDbUsageCountersProps } from './lib/dynamodb-usage-counters';
export { limitsTableInput } from './lib/limits-table';
export { FILES_TABLE_SCHEMA, filesTableInput } from './lib/files-table';
export { RECORD_ATTRIBUTES, entryFromItem, itemKey, recordFromItem } from './lib/catalog-item';
export type { CatalogItem } from './lib/catalog-item';
export { migrateCatalog } from './lib/migrate-catalog';
export type { MigrateCatalogProps, MigratedEntry } from './lib/migrate-catalog';
