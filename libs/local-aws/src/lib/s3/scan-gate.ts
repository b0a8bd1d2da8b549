import type { TagSet } from './object-tags';
import { s3Errors } from './s3-error';

/** The tag GuardDuty Malware Protection for S3 writes its verdict into. */
export const SCAN_STATUS_TAG = 'GuardDutyMalwareScanStatus';

/**
 * The bucket policy that gates a scanned bucket (docs/malware-scan.md, "Bucket policy"), as the local S3 enforces
 * it: principals are told apart by the access key that signed.
 */
export interface ScanGate {
  readonly bucket: string;
  /** Verdicts that may be read: NO_THREATS_FOUND, and UNSUPPORTED when unscannable files are allowed. */
  readonly readableVerdicts: readonly string[];
  /** The scanner's access key: exempt from every statement. */
  readonly scannerAccessKeyId: string;
  /** The app's access key: the only other principal that may read an object not yet scanned. */
  readonly appAccessKeyId: string;
}

/** Denies GetObject/HeadObject of a scanned object with an unreadable verdict, or of an unscanned one by others. */
export function checkGatedRead(gate: ScanGate | undefined, bucket: string, principal: string, tags?: TagSet): void {
  if (!gate || gate.bucket !== bucket || principal === gate.scannerAccessKeyId) return;
  const verdict = tags?.[SCAN_STATUS_TAG];
  if (verdict !== undefined && !gate.readableVerdicts.includes(verdict)) throw s3Errors.accessDenied();
  if (verdict === undefined && principal !== gate.appAccessKeyId) throw s3Errors.accessDenied();
}

/** Denies a write that would set (`after`) or remove (`before`) the scan tag, to all but the scanner. */
export function checkScanTagWrite(
  gate: ScanGate | undefined,
  bucket: string,
  principal: string,
  change: { before?: TagSet; after?: TagSet },
): void {
  if (!gate || gate.bucket !== bucket || principal === gate.scannerAccessKeyId) return;
  if ((change.before && SCAN_STATUS_TAG in change.before) || (change.after && SCAN_STATUS_TAG in change.after))
    throw s3Errors.accessDenied();
}
