// Test-only fakes of the domain's ports, for unit tests of services (never for integration tests).
export { InMemoryBlobStore } from './testing/in-memory-blob-store';
export { InMemoryFileCatalog } from './testing/in-memory-file-catalog';
export { InMemoryUsageCounters } from './testing/in-memory-usage-counters';
export { InMemoryMultipartStore } from './testing/in-memory-multipart-store';
