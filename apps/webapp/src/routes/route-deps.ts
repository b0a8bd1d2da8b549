import type { BlobStore, FileCatalog, FileService } from '@ha-uploads/files';
import type { AppMetrics } from '../metrics/app-metrics';

/** What the routes need from the app. */
export interface RouteDeps {
  readonly files: FileService;
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
  readonly instanceId: string;
  readonly maxUploadBytes: number;
  readonly maxFilesPerRequest: number;
  readonly metrics: AppMetrics;
  /** The browser bundle served at /assets/app.js. @default - none: the page works without JavaScript */
  readonly clientScript?: string;
}
