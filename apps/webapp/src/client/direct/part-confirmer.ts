import type { DonePart } from './session-api';
import { PARTS_IN_FLIGHT } from './transfer-policy';

/** Stored parts that make a confirm call at once: one round of the parts in flight. */
export const CONFIRM_BATCH_PARTS = PARTS_IN_FLIGHT;
/**
 * Longest a stored part waits for others before its confirmation goes out anyway. A tab that dies without unloading
 * (a crash, a killed browser) sends the parts of that time again; a reload or a closed tab confirms them on its way out.
 */
export const CONFIRM_MAX_WAIT_MS = 2_000;
/** Longest wait before trying again after failed calls (the wait doubles from CONFIRM_MAX_WAIT_MS with each failure). */
export const CONFIRM_MAX_BACKOFF_MS = 30_000;
/** Most parts one confirm call may carry (the API's limit). */
export const CONFIRM_MAX_PARTS = 100;
/** Body bytes the calls sent as the page leaves may carry in all: browsers allow 64 KiB of keepalive bodies at once. */
export const LEAVE_BUDGET_BYTES = 60 * 1024;

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
 * part is recorded the moment S3 answers. A failed call puts its parts back and is tried again after a growing wait:
 * confirmations only speed up a resume, so they never fail the upload (until flushAll, which complete needs).
 */
export class PartConfirmer {
  private pending: DonePart[] = [];
  private oldestAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: { readonly parts: readonly DonePart[]; readonly done: Promise<boolean> } | undefined;
  private failures = 0;
  private lastError: unknown;
  private flushing = false;
  private stopped = false;

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
   * Confirms what is left at once and waits until every stored part is recorded: where the session checks the
   * complete call against the confirmed parts, every part must be confirmed first. Rejects when a call fails.
   */
  async flushAll(): Promise<void> {
    if (!this.deps.confirm) return;
    this.flushing = true;
    this.cancelTimer();
    try {
      for (;;) {
        if (this.inFlight) {
          await this.inFlight.done;
        } else if (this.pending.length === 0) {
          return;
        } else if (!(await this.send())) {
          throw this.lastError;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * The page is going away (a reload, a closed tab): sends the parts not yet known to be recorded, the call in
   * flight's first (an unload may cut it off), in calls that outlive the page, within the browser's keepalive budget.
   * Confirming a part twice is harmless.
   */
  flushOnLeave(): void {
    this.cancelTimer();
    const confirm = this.deps.confirm;
    if (!confirm) return;
    const unsure = [...(this.inFlight?.parts ?? []), ...this.pending];
    let budget = LEAVE_BUDGET_BYTES;
    for (let i = 0; i < unsure.length; i += CONFIRM_MAX_PARTS) {
      const parts = unsure.slice(i, i + CONFIRM_MAX_PARTS);
      budget -= JSON.stringify({ parts }).length;
      if (budget < 0) return;
      confirm(parts, { keepalive: true }).catch(() => undefined);
    }
  }

  /** No more calls: the upload was cancelled. */
  stop(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  /** Sends a batch now if one is due, else waits for the oldest part's deadline (or, after failures, the backoff). */
  private next(): void {
    if (this.stopped || this.flushing || this.inFlight || this.pending.length === 0) return;
    const maxWaitMs = this.deps.maxWaitMs ?? CONFIRM_MAX_WAIT_MS;
    if (this.failures > 0) {
      // Backing off: the timer sends, whatever is stored meanwhile, never a loop against a server that is down.
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        if (!this.stopped && !this.flushing && !this.inFlight && this.pending.length > 0) void this.send();
      }, Math.min(CONFIRM_MAX_BACKOFF_MS, maxWaitMs * 2 ** (this.failures - 1)));
      return;
    }
    const waitMs = this.oldestAt + maxWaitMs - this.now();
    if (this.pending.length >= (this.deps.batchParts ?? CONFIRM_BATCH_PARTS) || waitMs <= 0) {
      this.cancelTimer();
      void this.send();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.next();
    }, waitMs);
  }

  /** One call with the oldest waiting parts; resolves whether they were recorded. */
  private send(): Promise<boolean> {
    const confirm = this.deps.confirm as NonNullable<PartConfirmerDeps['confirm']>;
    // Parts left over (more than one call carries) keep their wait; the next part added to none starts a new one.
    const parts = this.pending.splice(0, CONFIRM_MAX_PARTS);
    const waitingSince = this.oldestAt;
    const done = confirm(parts).then(
      () => {
        this.inFlight = undefined;
        this.failures = 0;
        this.deps.onRecorded(parts);
        this.next();
        return true;
      },
      (err: unknown) => {
        this.inFlight = undefined;
        this.failures += 1;
        this.lastError = err;
        this.pending.unshift(...parts);
        this.oldestAt = waitingSince;
        this.next();
        return false;
      },
    );
    this.inFlight = { parts, done };
    return done;
  }

  private cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
