import { LimitExceededError } from './limit-errors';
import { dayWindow, minuteWindow, secondsUntilEnd, type LimitWindow } from './limit-windows';
import type { CounterIncrement, UsageCounters } from './usage-counters';

/** The fleet-wide upload limits; 0 turns one off. */
export interface UploadLimitsSettings {
  /** Upload requests per UTC minute per identity. */
  readonly uploadsPerMinutePerClient: number;
  /** Upload requests per UTC minute per client IP. */
  readonly uploadsPerMinutePerIp: number;
  /** Bytes per UTC day per identity. */
  readonly uploadBytesPerDayPerClient: number;
}

/** Settings of UploadLimits. */
export interface UploadLimitsProps {
  readonly counters: UsageCounters;
  readonly settings: UploadLimitsSettings;
  /** @default - Date.now */
  readonly now?: () => number;
  /** Called when giving back reserved bytes fails (the client is then charged for them). @default - ignored */
  readonly onRefundError?: (err: unknown) => void;
}

/** One upload request, as the limits see it before its body is read. */
export interface UploadAttempt {
  readonly clientIp: string;
  /** The client's identity; without one only the per-IP limit applies. */
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
    return { settle: (storedBytes) => this.settle(bytes.increment, storedBytes) };
  }

  private checksFor(attempt: UploadAttempt, nowMs: number): Check[] {
    const s = this.props.settings;
    const minute = minuteWindow(nowMs);
    const checks: Check[] = [];
    const add = (key: string, amount: number, limit: number, window: LimitWindow, bytes: boolean) =>
      checks.push({ increment: { key, amount, expiresAtSeconds: Math.ceil(window.endsAtMs / 1000) }, limit, window, bytes });
    if (attempt.ownerId !== undefined && s.uploadsPerMinutePerClient > 0) {
      add(`uploads-client#${attempt.ownerId}#${minute.label}`, 1, s.uploadsPerMinutePerClient, minute, false);
    }
    if (s.uploadsPerMinutePerIp > 0) add(`uploads-ip#${attempt.clientIp}#${minute.label}`, 1, s.uploadsPerMinutePerIp, minute, false);
    if (attempt.ownerId !== undefined && s.uploadBytesPerDayPerClient > 0) {
      const day = dayWindow(nowMs);
      add(`bytes-client#${attempt.ownerId}#${day.label}`, attempt.declaredBytes ?? 0, s.uploadBytesPerDayPerClient, day, true);
    }
    return checks;
  }

  private async settle(reserved: CounterIncrement, storedBytes: number): Promise<void> {
    // A declared length was charged up front; an unknown one (chunked) is charged once its bytes are known.
    if (reserved.amount > 0 && storedBytes === 0) await this.refund(reserved);
    if (reserved.amount === 0 && storedBytes > 0) await this.charge({ ...reserved, amount: storedBytes });
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

// A request over the byte quota is refused; one with an unknown length is refused once the quota is used up.
function isPast(check: Check, total: number): boolean {
  return check.bytes && check.increment.amount === 0 ? total >= check.limit : total > check.limit;
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
  return new LimitExceededError('RATE_LIMITED', `Too many uploads in a short time; nothing was stored. Try again in ${retryAfterSeconds} s.`, retryAfterSeconds);
}
