/** A fixed time window a counter is kept for: its label goes into the counter's key. */
export interface LimitWindow {
  /** e.g. "2026-12-01T09:41" for a minute, "2026-12-01" for a day (UTC). */
  readonly label: string;
  /** When the window is over (epoch milliseconds). */
  readonly endsAtMs: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The UTC minute `nowMs` falls in. */
export function minuteWindow(nowMs: number): LimitWindow {
  const startMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  return { label: new Date(startMs).toISOString().slice(0, 16), endsAtMs: startMs + MINUTE_MS };
}

/** The UTC day `nowMs` falls in. */
export function dayWindow(nowMs: number): LimitWindow {
  const startMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  return { label: new Date(startMs).toISOString().slice(0, 10), endsAtMs: startMs + DAY_MS };
}

/** Whole seconds from `nowMs` until the window is over; at least 1, as Retry-After needs. */
export function secondsUntilEnd(window: LimitWindow, nowMs: number): number {
  return Math.max(1, Math.ceil((window.endsAtMs - nowMs) / 1000));
}
