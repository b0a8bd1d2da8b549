import type { MultipartStore } from '../direct/multipart-store';
import type { BlobStore, FileCatalog } from '../ports';
import { sweep, type SweepReport } from './sweeper';

/** The two log calls the schedule makes; a pino logger fits. */
export interface SweepLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Runs the sweeper every `intervalSeconds` (0 disables) on an unref'd timer; returns a stop function. */
export function scheduleSweeps(opts: {
  readonly catalog: FileCatalog;
  readonly blobs: BlobStore;
  /** Aborts stale direct-upload sessions. @default - sessions are left alone */
  readonly multipart?: MultipartStore;
  readonly intervalSeconds: number;
  readonly graceSeconds: number;
  /** Periodic sweeps look for orphan objects only among files created this long before the grace cutoff. */
  readonly orphanWindowSeconds: number;
  /** Deleted files are removed for good this long after their delete. @default - left alone */
  readonly trashRetentionSeconds?: number;
  readonly logger: SweepLogger;
  /** Told what every sweep removed (the app's sweeper-work metric). @default - not told */
  readonly onReport?: (report: SweepReport) => void;
}): () => void {
  if (opts.intervalSeconds === 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    // A slow sweep must not overlap the next one.
    if (running) return;
    running = true;
    sweep(opts)
      .then((report) => {
        opts.onReport?.(report);
        const changed = report.staleEntries.length + report.adoptedObjects.length + report.expiredTrash.length;
        if (changed > 0) opts.logger.info(report, 'sweep removed leftovers or adopted objects');
        // Never deleted: an operator looks at them (`nx run webapp:admin -- reconcile`).
        if (report.foreignObjects.length > 0)
          opts.logger.warn({ foreignObjects: report.foreignObjects }, 'sweep left foreign objects alone');
      })
      .catch((err: unknown) => opts.logger.warn({ err }, 'sweep failed; retrying next interval'))
      .finally(() => {
        running = false;
      });
  }, opts.intervalSeconds * 1000);
  // The sweeper never keeps the process alive on its own.
  timer.unref();
  return () => clearInterval(timer);
}
