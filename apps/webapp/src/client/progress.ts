import { humanSize } from '../shared/format';

/**
 * Whole percent sent, held at 99 until the server has answered: the last bytes are only stored (in S3) once
 * the response arrives, and "100%" should mean the file is listed.
 */
export function sentPercent(loaded: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(99, Math.max(0, Math.floor((loaded / total) * 100)));
}

/** "1.5 KiB of 3.0 KiB" */
export function progressText(loaded: number, total: number): string {
  return `${humanSize(Math.min(loaded, total))} of ${humanSize(total)}`;
}
