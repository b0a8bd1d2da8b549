// Test-only helpers: real local S3 and DynamoDB servers per test file, and byte sources to stream.
export { startTestBackends } from './testing/local-backends';
export type { TestBackends, TestBackendsOptions } from './testing/local-backends';
export { useTestBackends } from './testing/use-test-backends';
export { byteSource, readAll, sha256Of } from './testing/byte-source';
export type { ByteSource } from './testing/byte-source';
export { itemsOf, seedItems, seededEntry, seededIds } from './testing/catalog-seed';
export { recordConsumedCapacity } from './testing/consumed-capacity';
export type { Consumed } from './testing/consumed-capacity';
// The catalog's item key, for specs that read or corrupt a stored entry directly.
export { itemKey } from './lib/catalog-item';
