// The file domain: records, rules, ports and the domain's own errors. No HTTP, no AWS SDK.
export { BackendUnavailableError, ConflictError, FileError, FileTooLargeError, InvalidInputError, NotFoundError } from './lib/errors';
export type { FileErrorKind } from './lib/errors';
export type { CatalogEntry, FileRecord, FileState } from './lib/file-record';
export type { BlobReadResult, BlobStore, FileCatalog, StoredBlob } from './lib/ports';
export { PAGE_LIMITS, decodeCursor, encodeCursor, parseLimit } from './lib/cursor';
export { fileIdFromObjectKey, fileIdTime, firstObjectKeyAt, isFileId, newFileId, objectKeyFor } from './lib/file-id';
export { MAX_FILE_NAME_LENGTH, normalizeContentType, normalizeFileName } from './lib/file-name';
export { FileService, toFileRecord } from './lib/file-service';
export type { ByteRange, FilePage, FileServiceOptions, OpenedFile } from './lib/file-service';
export { sweep } from './lib/sweep/sweeper';
export type { SweepOptions, SweepReport } from './lib/sweep/sweeper';
export { scheduleSweeps } from './lib/sweep/sweep-schedule';
export type { SweepLogger } from './lib/sweep/sweep-schedule';
export { LimitExceededError } from './lib/limits/limit-errors';
export { UploadLimits } from './lib/limits/upload-limits';
export type { UploadAdmission, UploadAttempt, UploadLimitsProps, UploadLimitsSettings } from './lib/limits/upload-limits';
export type { CounterIncrement, UsageCounters } from './lib/limits/usage-counters';
export { CoalescingUsageCounters } from './lib/limits/coalescing-counters';
