/** One counter to raise: its key names the counter and its time window, so every window starts from zero. */
export interface CounterIncrement {
  /** e.g. "uploads-ip#203.0.113.7#2026-12-01T09:41". */
  readonly key: string;
  /** May be 0 (read the total) or negative (give back an earlier reservation). */
  readonly amount: number;
  /** When the window is over (epoch seconds); the store may forget the counter after that. */
  readonly expiresAtSeconds: number;
}

/** Counters shared by the whole fleet (the limits table): every instance adds to the same totals. */
export interface UsageCounters {
  /** Atomically adds each amount to its counter, all at once, and resolves with each new total, in order. */
  add(increments: readonly CounterIncrement[]): Promise<number[]>;
}
