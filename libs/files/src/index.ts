// The file domain: records, rules, ports and the domain's own errors. No HTTP, no AWS SDK.
export {
  BackendUnavailableError,
  ConflictError,
  FileError,
  FileTooLargeError,
  InvalidInputError,
  NotFoundError,
} from './lib/errors';
export type { FileErrorKind } from './lib/errors';
export type { CatalogEntry, FileRecord, FileState, ListedFile, TrashedFile } from './lib/file-record';
export { mayManage, owns } from './lib/actor';
export { SCAN_STATUSES, SCAN_TAG_KEY, isQuarantined, isReadable, scanOf, verdictOf } from './lib/scan/scan-state';
export type { RecordScanOutcome, ScanState, ScanStatus, ScanVerdict, UnscannableRule } from './lib/scan/scan-state';
export { QuarantinedError, ScanPendingError } from './lib/scan/scan-errors';
export { ScanRules } from './lib/scan/scan-rules';
export { ScanDrainer } from './lib/scan/scan-drainer';
export { recheckPendingScans } from './lib/scan/scan-recheck';
export type { ScanRecheckOptions } from './lib/scan/scan-recheck';
export type { DrainedMessage, ScanDrainerProps, ScanMessage, ScanResultSource } from './lib/scan/scan-drainer';
export type { MalwareScanOptions, ScanTagReader } from './lib/scan/scan-rules';
export type { Actor } from './lib/actor';
export { EVERY_OWNER } from './lib/ports';
export type {
  BlobHead,
  BlobPutOptions,
  BlobReadResult,
  BlobStore,
  FileCatalog,
  ReadyFacts,
  StoredBlob,
  TrashOwner,
} from './lib/ports';
export { PAGE_LIMITS, encodeCursor } from './lib/cursor';
export { newFileId, objectKeyFor } from './lib/file-id';
export { MAX_FILE_NAME_LENGTH } from './lib/file-name';
export { FileService, toFileRecord, toListedFile } from './lib/file-service';
export type { ByteRange, FilePage, PageQuery, TrashPage } from './lib/file-service';
export { sweep } from './lib/sweep/sweeper';
export type { SweepOptions } from './lib/sweep/sweeper';
export { scheduleSweeps } from './lib/sweep/sweep-schedule';
export { LimitExceededError } from './lib/limits/limit-errors';
export { UploadLimits } from './lib/limits/upload-limits';
export type { UploadLimitsSettings } from './lib/limits/upload-limits';
export type { CounterIncrement, UsageCounters } from './lib/limits/usage-counters';
export { CoalescingUsageCounters } from './lib/limits/coalescing-counters';
export type { FileChecksum, UploadSession } from './lib/direct/upload-session';
export type { MultipartStore, PartToJoin, PartToSign, SignedRequest, StoredPart } from './lib/direct/multipart-store';
export { multipartErrors } from './lib/direct/multipart-errors';
export { MAX_PARTS, MAX_PREFERRED_PART_BYTES, MIN_PART_BYTES, PREFERRED_PART_COUNT } from './lib/direct/part-plan';
export { compositeChecksum } from './lib/direct/part-checksum';
export { MAX_PARTS_PER_CALL, UploadSessionService } from './lib/direct/upload-session-service';
export type { NewSession, PartChoice } from './lib/direct/upload-session-service';
export { reconcile } from './lib/recovery/reconcile';
export { rebuildCatalog } from './lib/recovery/rebuild-catalog';
export type { RebuildEvent } from './lib/recovery/rebuild-catalog';
