import { mayManage, type Actor } from '../actor';
import { NotFoundError } from '../errors';
import type { CatalogEntry, ListedFile } from '../file-record';
import type { FileCatalog } from '../ports';
import { QuarantinedError, ScanPendingError } from './scan-errors';
import {
  isQuarantined,
  scanOf,
  verdictOf,
  type RecordScanOutcome,
  type ScanStatus,
  type ScanVerdict,
  type UnscannableRule,
} from './scan-state';

/** Reads the scanner's verdict from an object's `GuardDutyMalwareScanStatus` tag (S3 GetObjectTagging). */
export interface ScanTagReader {
  /** The tag's value; undefined while the object is not scanned yet (or is gone). */
  scanStatus(objectKey: string): Promise<ScanStatus | undefined>;
}

/** Malware scanning as the environment has it; absent: scanning off, every new file is clean at once. */
export interface MalwareScanOptions {
  /** What an unscannable file gets. */
  readonly unscannable: UnscannableRule;
  /** Retry-After of SCAN_PENDING. @default 5 */
  readonly retryAfterSeconds?: number;
  /** Re-checks a pending file's tag, so a lost event only delays its verdict. @default - no re-check */
  readonly tags?: ScanTagReader;
  /** How long a file stays pending before its tag is re-checked. @default 60000 */
  readonly recheckAfterMs?: number;
  /** Told of every verdict a tag re-check recorded (logs, metrics). @default - ignored */
  readonly onVerdict?: (id: string, verdict: ScanVerdict, outcome: RecordScanOutcome) => void;
}

/** Who may see and download a file while it is scanned and after, as the environment's scanning decides. */
export class ScanRules {
  private readonly rule: UnscannableRule;

  constructor(
    private readonly options: MalwareScanOptions | undefined,
    private readonly catalog: FileCatalog,
    private readonly clock: () => Date,
  ) {
    this.rule = options?.unscannable ?? 'block';
  }

  /** The scan a new file starts with: pending while scanning is on, else none (clean at once, as before scanning). */
  initialScan(): 'pending' | undefined {
    return this.options ? 'pending' : undefined;
  }

  /** Whether `actor` sees `file` listed: everyone, except a quarantined file only its owner and admins. */
  isVisible(actor: Actor, file: ListedFile): boolean {
    return !isQuarantined(file, this.rule) || mayManage(actor, file);
  }

  /** Whether the scan holds the file back from everyone: infected, or unscannable where the rule blocks it. */
  isQuarantined(file: ListedFile): boolean {
    return isQuarantined(file, this.rule);
  }

  /** Throws NotFoundError when `actor` may not see the file at all. */
  assertVisible(actor: Actor, file: ListedFile): void {
    if (!this.isVisible(actor, file)) throw new NotFoundError();
  }

  /** Throws unless `actor` may download the body now: pending only for its owner and admins, quarantined for nobody. */
  assertDownloadable(actor: Actor, file: ListedFile): void {
    this.assertVisible(actor, file);
    if (isQuarantined(file, this.rule))
      throw new QuarantinedError(scanOf(file) === 'infected' ? 'infected' : 'unscannable');
    if (scanOf(file) === 'pending' && !mayManage(actor, file))
      throw new ScanPendingError(this.options?.retryAfterSeconds ?? 5);
  }

  /**
   * The entry, with its verdict read from the object's tag first when it has been pending past the grace (a lost
   * event): recorded like an event's, so it changes nothing twice.
   */
  async refreshed(entry: CatalogEntry): Promise<CatalogEntry> {
    const tags = this.options?.tags;
    if (!tags || entry.scan !== 'pending' || !this.isOverdue(entry)) return entry;
    const status = await tags.scanStatus(entry.objectKey);
    if (status === undefined) return entry;
    const verdict = verdictOf(entry.objectKey, status);
    const outcome = await this.catalog.recordScan(entry.id, verdict);
    this.options?.onVerdict?.(entry.id, verdict, outcome);
    return (await this.catalog.get(entry.id)) ?? entry;
  }

  /** Whether a pending entry has waited past the grace for its verdict. */
  isOverdue(entry: CatalogEntry): boolean {
    return this.clock().getTime() - Date.parse(entry.updatedAt) >= (this.options?.recheckAfterMs ?? 60_000);
  }
}
