import type { DonePart } from './session-api';

/**
 * How long a stored part waits for others before its confirmation goes out. Parts in flight finish close together,
 * so one call records them all; a reload in that time sends those parts again.
 */
export const CONFIRM_DELAY_MS = 250;

/** What PartConfirmer needs. */
export interface PartConfirmerDeps {
  /** Records stored parts in the session (one call), or nothing to do where S3 lists the parts itself. */
  readonly confirm?: (parts: readonly DonePart[]) => Promise<void>;
  /** Parts now known to the session: they survive a reload, so they count as progress. */
  readonly onRecorded: (parts: readonly DonePart[]) => void;
  /** @default CONFIRM_DELAY_MS */
  readonly delayMs?: number;
}

/**
 * Confirms stored parts in batches, one call in flight at a time. Where S3 lists the parts (`confirm` absent), a
 * part is recorded the moment S3 answers. A failed call puts its parts back, to go with the next stored part:
 * confirmations only speed up a resume, so they never fail the upload.
 */
export class PartConfirmer {
  private pending: DonePart[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly deps: PartConfirmerDeps) {}

  /** A part S3 stored. */
  add(part: DonePart): void {
    if (!this.deps.confirm) {
      this.deps.onRecorded([part]);
      return;
    }
    this.pending.push(part);
    this.schedule();
  }

  /**
   * Confirms what is left at once and waits: where the session checks the complete call against the confirmed
   * parts, every part must be confirmed first. Rejects when that last call fails.
   */
  async flushAll(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
    const confirm = this.deps.confirm;
    const rest = this.pending.splice(0);
    if (!confirm || rest.length === 0) return;
    await confirm(rest);
    this.deps.onRecorded(rest);
  }

  private schedule(): void {
    if (this.timer !== undefined || this.inFlight) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.deps.delayMs ?? CONFIRM_DELAY_MS);
  }

  private flush(): void {
    const confirm = this.deps.confirm;
    const batch = this.pending.splice(0);
    if (!confirm || batch.length === 0) return;
    this.inFlight = confirm(batch).then(
      () => {
        this.inFlight = undefined;
        this.deps.onRecorded(batch);
        if (this.pending.length > 0) this.schedule();
      },
      () => {
        // Tried again with the next stored part, not in a loop against a server that is down.
        this.inFlight = undefined;
        this.pending.unshift(...batch);
      },
    );
  }
}
