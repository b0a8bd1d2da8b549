import type { WebappConfig } from '@ha-uploads/config';
import type { FileService, SweepOptions, UploadLimits } from '@ha-uploads/files';
import type { Logger } from 'pino';
import { DownloadStreams } from '../http/download-streams';
import { createFileService, trashRetentionSeconds } from './file-service';
import { openStorage, type OpenStorage } from './open-storage';
import { uploadLimitsFor } from './upload-limits';

/** Options of composeServices. */
export interface ComposeOptions {
  /** The upload limits' clock (epoch ms). @default - Date.now */
  readonly now?: () => number;
}

/** Every service a program runs on, built from the config once. */
export interface Services {
  readonly storage: OpenStorage;
  readonly files: FileService;
  /** Fleet-wide abuse limits over the limits table; undefined when all are off. */
  readonly uploadLimits: UploadLimits | undefined;
  /** The downloads streamed through the app, capped and cut when idle. */
  readonly downloadStreams: DownloadStreams;
  /** What a sweep runs with (one-shot or scheduled). */
  readonly sweep: Omit<SweepOptions, 'now'>;
  /** Releases the SDK clients. */
  close(): Promise<void>;
}

/** The composition root: the server, the admin CLI, the sweep and the local cloud all build their services here. */
export async function composeServices(
  config: WebappConfig,
  logger: Logger,
  options: ComposeOptions = {},
): Promise<Services> {
  const storage = await openStorage(config);
  const { catalog, blobs, multipart } = storage;
  return {
    storage,
    files: createFileService({
      catalog,
      blobs,
      maxUploadBytes: config.maxUploadBytes,
      deleteRetentionHours: config.auth.deleteRetentionHours,
      logger,
    }),
    uploadLimits: uploadLimitsFor(config, storage.counters, logger, options.now),
    downloadStreams: new DownloadStreams(config.downloadStreams),
    sweep: {
      catalog,
      blobs,
      multipart,
      graceSeconds: config.sweepGraceSeconds,
      trashRetentionSeconds: trashRetentionSeconds(config.auth.deleteRetentionHours),
    },
    close: () => storage.close(),
  };
}
