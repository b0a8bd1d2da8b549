import { LimitExceededError } from './limit-errors';
import { dayWindow, minuteWindow, secondsUntilEnd, type LimitWindow } from './limit-windows';
import type { CounterIncrement, UsageCounters } from './usage-counters';

/** The fleet-wide upload limits; 0 turns one off. */
export interface UploadLimitsSettings {
  /** Upload requests per UTC minute per identity. */
  readonly uploadsPerMinutePerClient: number;
  /** Upload requests per UTC minute per client IP. */
  readonly uploadsPerMinutePerIp: number;
  /** Bytes per UTC day per identity (per client IP for a request with no identity). */
  readonly uploadBytesPerDayPerClient: number;
  /** Download requests per UTC minute per client IP. @default 0 - off */
  readonly downloadsPerMinutePerIp?: number;
}

/** Settings of UploadLimits. */
export interface UploadLimitsProps {
  readonly counters: UsageCounters;
  readonly settings: UploadLimitsSettings;
  /** @default - Date.now */
  readonly now?: () => number;
  /**
   * Reserved against the byte quota by a request of unknown length (chunked) until it is over: the most one request
   * can store, so concurrent ones wait their turn and the quota is passed by less than this.
   * @default 0 - charged only afterwards, with no bound on concurrent overshoot
   */
  readonly unknownLengthReservationBytes?: number;
  /** Called when giving back reserved bytes fails (the client is then charged for them). @default - ignored */
  readonly onRefundError?: (err: unknown) => void;
}

/** One upload request, as the limits see it before its body is read. */
export interface UploadAttempt {
  readonly clientIp: string;
  /** The client's identity; without one its IP stands for it in the byte quota. */
  readonly ownerId?: string;
  /** The request's declared Content-Length: reserved against the byte quota up front. @default - unknown (chunked) */
  readonly declaredBytes?: number;
}

/** An admitted upload; settle it once the request is over. */
export interface UploadAdmission {
  /** Corrects the byte quota with what the request stored: a reservation is given back when nothing was stored. */
  settle(storedBytes: number): Promise<void>;
}

interface Check {
  readonly increment: CounterIncrement;
  readonly limit: number;
  readonly window: LimitWindow;
  readonly bytes: boolean;
  /** Whether the amount is a reservation for an unknown length, to be replaced by what was stored. */
  readonly provisional: boolean;
}

const NOTHING_TO_SETTLE: UploadAdmission = { settle: async () => undefined };

/**
 * Counts upload requests per identity and per IP, and bytes per identity, in fleet-wide fixed windows. Every
 * counter of a request is raised in one parallel round, so a check costs one round trip; a refused request still
 * counts, so hammering does not shorten the wait.
 */
export class UploadLimits {
  private readonly now: () => number;

  constructor(private readonly props: UploadLimitsProps) {
    this.now = props.now ?? Date.now;
  }

  /** Counts the attempt; throws LimitExceededError (RATE_LIMITED or QUOTA_EXCEEDED) when it is past a limit. */
  async admit(attempt: UploadAttempt): Promise<UploadAdmission> {
    const nowMs = this.now();
    const checks = this.checksFor(attempt, nowMs);
    if (checks.length === 0) return NOTHING_TO_SETTLE;
    const totals = await this.props.counters.add(checks.map((c) => c.increment));
    const exceeded = checks.filter((check, i) => isPast(check, totals[i]));
    const bytes = checks.find((c) => c.bytes);
    if (exceeded.length > 0) {
      if (bytes && bytes.increment.amount > 0) await this.refund(bytes.increment);
      throw refusal(exceeded, nowMs);
    }
    if (!bytes) return NOTHING_TO_SETTLE;
    return { settle: (storedBytes) => this.settle(bytes, storedBytes) };
  }

  /** Counts a download per client IP; throws LimitExceededError RATE_LIMITED past the per-minute limit. */
  async admitDownload(clientIp: string): Promise<void> {
    const limit = this.props.settings.downloadsPerMinutePerIp ?? 0;
    if (limit === 0) return;
    const nowMs = this.now();
    const minute = minuteWindow(nowMs);
    const key = `downloads-ip#${clientIp}#${minute.label}`;
    const [total] = await this.props.counters.add([
      { key, amount: 1, expiresAtSeconds: Math.ceil(minute.endsAtMs / 1000) },
    ]);
    if (total <= limit) return;
    const retryAfterSeconds = secondsUntilEnd(minute, nowMs);
    throw new LimitExceededError(
      'RATE_LIMITED',
      `Too many downloads in a short time. Try again in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    );
  }

  private checksFor(attempt: UploadAttempt, nowMs: number): Check[] {
    const s = this.props.settings;
    const minute = minuteWindow(nowMs);
    const checks: Check[] = [];
    const add = (key: string, amount: number, limit: number, window: LimitWindow, bytes = false, provisional = false) =>
      checks.push({
        increment: { key, amount, expiresAtSeconds: Math.ceil(window.endsAtMs / 1000) },
        limit,
        window,
        bytes,
        provisional,
      });
    if (attempt.ownerId !== undefined && s.uploadsPerMinutePerClient > 0) {
      add(`uploads-client#${attempt.ownerId}#${minute.label}`, 1, s.uploadsPerMinutePerClient, minute);
    }
    if (s.uploadsPerMinutePerIp > 0)
      add(`uploads-ip#${attempt.clientIp}#${minute.label}`, 1, s.uploadsPerMinutePerIp, minute);
    if (s.uploadBytesPerDayPerClient > 0) {
      // A client that shows no identity (one that dropped its cookie) is charged to its IP, never to nobody.
      const who = attempt.ownerId === undefined ? `bytes-ip#${attempt.clientIp}` : `bytes-client#${attempt.ownerId}`;
      const day = dayWindow(nowMs);
      const provisional = attempt.declaredBytes === undefined;
      const amount = provisional ? (this.props.unknownLengthReservationBytes ?? 0) : (attempt.declaredBytes as number);
      add(`${who}#${day.label}`, amount, s.uploadBytesPerDayPerClient, day, true, provisional);
    }
    return checks;
  }

  private async settle(check: Check, storedBytes: number): Promise<void> {
    const reserved = check.increment;
    // A declared length was charged up front and stays; an unknown one's reservation becomes what was stored.
    const correction = check.provisional || storedBytes === 0 ? storedBytes - reserved.amount : 0;
    if (correction !== 0) await this.charge({ ...reserved, amount: correction });
  }

  private refund(reserved: CounterIncrement): Promise<void> {
    return this.charge({ ...reserved, amount: -reserved.amount });
  }

  private async charge(increment: CounterIncrement): Promise<void> {
    try {
      await this.props.counters.add([increment]);
    } catch (err) {
      this.props.onRefundError?.(err);
    }
  }
}

// A request over the byte quota is refused; one of unknown length once the quota (with others' reservations) is used
// up.
function isPast(check: Check, total: number): boolean {
  return check.provisional ? total - check.increment.amount >= check.limit : total > check.limit;
}

function refusal(exceeded: readonly Check[], nowMs: number): LimitExceededError {
  // Retry when every exceeded window is over, so the retry is not refused again.
  const retryAfterSeconds = Math.max(...exceeded.map((c) => secondsUntilEnd(c.window, nowMs)));
  const quota = exceeded.find((c) => c.bytes);
  if (quota) {
    return new LimitExceededError(
      'QUOTA_EXCEEDED',
      `This upload would pass your daily upload quota of ${quota.limit} bytes; nothing was stored. Try again in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    );
  }
  return new LimitExceededError(
    'RATE_LIMITED',
    `Too many uploads in a short time; nothing was stored. Try again in ${retryAfterSeconds} s.`,
    retryAfterSeconds,
  );
}
