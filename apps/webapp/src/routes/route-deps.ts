import type { AuthConfig } from '@ha-uploads/config';
import type { BlobStore, FileCatalog, FileService, UploadLimits } from '@ha-uploads/files';
import type { AppMetrics } from '../metrics/app-metrics';

/** What the routes need from the app. */
export interface RouteDeps {
  readonly files: FileService;
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
  readonly instanceId: string;
  /** Identity mode, sign-out URL, admin credential and undo window. */
  readonly auth: AuthConfig;
  readonly maxUploadBytes: number;
  readonly maxFilesPerRequest: number;
  readonly metrics: AppMetrics;
  /** The browser bundle served at /assets/app.js. @default - none: the page works without JavaScript */
  readonly clientScript?: string;
  /** Fleet-wide abuse limits checked before an upload's body is read. @default - no limits */
  readonly uploadLimits?: UploadLimits;
}
