import type { AuthConfig, DirectTransferSettings } from '@ha-uploads/config';
import type {
  BlobStore,
  FileCatalog,
  FileService,
  MultipartStore,
  UploadLimits,
  UploadSessionService,
} from '@ha-uploads/files';
import type { DownloadStreams } from '../http/download-streams';
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
  /** Direct uploads (the upload-session API). @default - none: the API answers 501 DIRECT_UPLOADS_OFF */
  readonly sessions?: UploadSessionService;
  /** Presigned downloads. @default - none: every download streams through the app */
  readonly multipart?: MultipartStore;
  /** Thresholds of the direct transfers. @default - DIRECT_TRANSFER_DEFAULTS */
  readonly directTransfer?: DirectTransferSettings;
  /** The downloads this instance streams, capped per IP and in all, and cut when idle. */
  readonly downloadStreams: DownloadStreams;
}
