import type { DonePart } from './session-api';
import { PARTS_IN_FLIGHT } from './transfer-policy';

/** Stored parts that make a confirm call at once: one round of the parts in flight. */
export const CONFIRM_BATCH_PARTS = PARTS_IN_FLIGHT;
/**
 * Longest a stored part waits for others before its confirmation goes out anyway. A tab that dies without unloading
 * (a crash, a killed browser) sends the parts of that time again; a reload or a closed tab confirms them on its way out.
 */
export const CONFIRM_MAX_WAIT_MS = 2_000;
/** Most parts one confirm call may carry (the API's limit). */
export const CONFIRM_MAX_PARTS = 100;

/** What PartConfirmer needs. */
export interface PartConfirmerDeps {
  /**
   * Records stored parts in the session (one call), or nothing to do where S3 lists the parts itself. With
   * `keepalive`, the call must outlive the page (fetch's keepalive).
   */
  readonly confirm?: (parts: readonly DonePart[], options?: { readonly keepalive?: boolean }) => Promise<void>;
  /** Parts now known to the session: they survive a reload, so they count as progress. */
  readonly onRecorded: (parts: readonly DonePart[]) => void;
  /** @default CONFIRM_BATCH_PARTS */
  readonly batchParts?: number;
  /** @default CONFIRM_MAX_WAIT_MS */
  readonly maxWaitMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * Confirms stored parts in batches, one call in flight at a time: a call goes out once a round of parts is stored,
 * or once the oldest waiting part has waited CONFIRM_MAX_WAIT_MS. Where S3 lists the parts (`confirm` absent), a
 * part is recorded the moment S3 answers. A failed call puts its parts back, to go with the next call:
 * confirmations only speed up a resume, so they never fail the upload.
 */
export class PartConfirmer {
  private pending: DonePart[] = [];
  private oldestAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: { readonly parts: readonly DonePart[]; readonly done: Promise<void> } | undefined;

  constructor(private readonly deps: PartConfirmerDeps) {}

  /** A part S3 stored. */
  add(part: DonePart): void {
    if (!this.deps.confirm) {
      this.deps.onRecorded([part]);
      return;
    }
    if (this.pending.length === 0) this.oldestAt = this.now();
    this.pending.push(part);
    this.next();
  }

  /**
   * Confirms what is left at once and waits: where the session checks the complete call against the confirmed
   * parts, every part must be confirmed first. Rejects when a call fails.
   */
  async flushAll(): Promise<void> {
    this.cancelTimer();
    await this.inFlight?.done;
    const confirm = this.deps.confirm;
    if (!confirm) return;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, CONFIRM_MAX_PARTS);
      await confirm(batch);
      this.deps.onRecorded(batch);
    }
  }

  /**
   * The page is going away (a reload, a closed tab): sends every part not yet known to be recorded, the call in
   * flight's included (an unload may cut it off), in calls that outlive the page. Confirming a part twice is harmless.
   */
  flushOnLeave(): void {
    this.cancelTimer();
    const confirm = this.deps.confirm;
    const unsure = [...(this.inFlight?.parts ?? []), ...this.pending];
    if (!confirm) return;
    for (let i = 0; i < unsure.length; i += CONFIRM_MAX_PARTS) {
      confirm(unsure.slice(i, i + CONFIRM_MAX_PARTS), { keepalive: true }).catch(() => undefined);
    }
  }

  /** Sends a batch now if one is due, else waits for the oldest part's deadline. */
  private next(): void {
    if (this.inFlight || this.pending.length === 0) return;
    const waitMs = this.oldestAt + (this.deps.maxWaitMs ?? CONFIRM_MAX_WAIT_MS) - this.now();
    if (this.pending.length >= (this.deps.batchParts ?? CONFIRM_BATCH_PARTS) || waitMs <= 0) {
      this.cancelTimer();
      this.send();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.next();
      }, waitMs);
    }
  }

  private send(): void {
    const confirm = this.deps.confirm;
    if (!confirm) return;
    // Parts left over (more than one call carries) keep their wait; the next part added to none starts a new one.
    const parts = this.pending.splice(0, CONFIRM_MAX_PARTS);
    const waitingSince = this.oldestAt;
    const done = confirm(parts).then(
      () => {
        this.inFlight = undefined;
        this.deps.onRecorded(parts);
        this.next();
      },
      () => {
        // Tried again with the next call, not in a loop against a server that is down.
        this.inFlight = undefined;
        this.pending.unshift(...parts);
        this.oldestAt = waitingSince;
      },
    );
    this.inFlight = { parts, done };
  }

  private cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
