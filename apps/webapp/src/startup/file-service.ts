import type { Logger } from 'pino';
import { type BlobStore, type FileCatalog, FileService, type MalwareScanOptions } from '@ha-uploads/files';

/** What the file service is built from: the stores, the size cap and how long deletes stay restorable. */
export interface FileServiceSettings {
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
  readonly maxUploadBytes: number;
  /** Hours a deleted file stays in the trash (config.auth.deleteRetentionHours). */
  readonly deleteRetentionHours: number;
  readonly logger: Logger;
  /** Who may see and download a file before and after its verdict. @default - scanning off: clean at once */
  readonly malwareScan?: MalwareScanOptions;
}

/** Seconds a deleted file stays restorable, from the configured hours. */
export function trashRetentionSeconds(deleteRetentionHours: number): number {
  return deleteRetentionHours * 3600;
}

/** Builds the file service every program uses (server, admin CLI), logging cleanups the sweeper must finish. */
export function createFileService(settings: FileServiceSettings): FileService {
  return new FileService({
    catalog: settings.catalog,
    blobs: settings.blobs,
    maxUploadBytes: settings.maxUploadBytes,
    trashRetentionSeconds: trashRetentionSeconds(settings.deleteRetentionHours),
    onCleanupError: (err, id) =>
      settings.logger.warn({ err, fileId: id }, 'cleanup after a failed upload failed; the sweeper will finish it'),
    malwareScan: settings.malwareScan,
  });
}
