/**
 * A file's malware scan: `pending` until the scanner's verdict is recorded; `clean`, `infected` (a threat found) or
 * `unscannable` (the scanner could not judge it: an encrypted archive, too large, a failed scan).
 */
export type ScanState = 'pending' | 'clean' | 'infected' | 'unscannable';

/**
 * What the environment does with an unscannable file: `block` it like an infected one, or `allow` it like a clean one.
 */
export type UnscannableRule = 'block' | 'allow';

/** The values GuardDuty Malware Protection for S3 writes to the `GuardDutyMalwareScanStatus` tag and its event. */
export const SCAN_STATUSES = ['NO_THREATS_FOUND', 'THREATS_FOUND', 'UNSUPPORTED', 'ACCESS_DENIED', 'FAILED'] as const;
/** One GuardDuty scan status. */
export type ScanStatus = (typeof SCAN_STATUSES)[number];

/** The object tag GuardDuty sets on every object it scanned. */
export const SCAN_TAG_KEY = 'GuardDutyMalwareScanStatus';

/** A scanner's verdict on one object, as the catalog records it. */
export interface ScanVerdict {
  /** The object scanned: a verdict counts only for the entry whose body it is. */
  readonly objectKey: string;
  readonly scan: Exclude<ScanState, 'pending'>;
  /** Why: the threat names when infected, the scanner's status when unscannable. */
  readonly detail?: string;
}

/** What recording a verdict did: `unchanged` for a duplicate or late one; `not-ready` while the body is stored. */
export type RecordScanOutcome = 'recorded' | 'unchanged' | 'unknown' | 'not-ready';

/** The verdict a GuardDuty status stands for, with the threat names when it found any. */
export function verdictOf(objectKey: string, status: ScanStatus, threats: readonly string[] = []): ScanVerdict {
  if (status === 'NO_THREATS_FOUND') return { objectKey, scan: 'clean' };
  if (status === 'THREATS_FOUND')
    return { objectKey, scan: 'infected', detail: threats.join(', ') || 'unnamed threat' };
  return { objectKey, scan: 'unscannable', detail: status };
}

/** A file's scan, where an entry stored before scanning existed (no `scan`) counts as clean. */
export function scanOf(file: { readonly scan?: ScanState }): ScanState {
  return file.scan ?? 'clean';
}

/**
 * Whether anyone may read the body: a clean file, or an unscannable one the rule allows for the reason S3's bucket
 * policy lets through too (only `UNSUPPORTED`; a failed or denied scan stays blocked).
 */
export function isReadable(
  file: { readonly scan?: ScanState; readonly scanDetail?: string },
  rule: UnscannableRule,
): boolean {
  const scan = scanOf(file);
  return scan === 'clean' || (scan === 'unscannable' && rule === 'allow' && file.scanDetail === 'UNSUPPORTED');
}

/** Whether the file is hidden from all but its owner and admins: infected, or unscannable and not allowed. */
export function isQuarantined(
  file: { readonly scan?: ScanState; readonly scanDetail?: string },
  rule: UnscannableRule,
): boolean {
  return scanOf(file) !== 'pending' && !isReadable(file, rule);
}
