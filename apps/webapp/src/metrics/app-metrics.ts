/** The webapp's own metrics (names in APP_METRICS, libs/config); every call is fire-and-forget. */
export interface AppMetrics {
  /** A file was stored: its bytes and the milliseconds from its first byte read to READY. */
  uploadStored(bytes: number, durationMs: number): void;
  /** An upload request was refused or failed, with its stable error code. */
  uploadFailed(code: string): void;
  /** A file upload started on this instance; call the returned function when it ends, either way. */
  uploadStarted(): () => void;
  /** A request was refused by an abuse limit (`limit` names which). */
  rateLimitRefused(limit: string): void;
  /** A sweep removed `items` leftovers (stale records and orphan objects). */
  swept(items: number): void;
  /** A scan result was handled: `outcome` says what it did; `infected` when it recorded a threat. */
  scanResult(outcome: string, infected: boolean): void;
  /** Sends what is still buffered (shutdown). */
  flush(): Promise<void>;
}

/** Metrics that go nowhere (unit tests, tools). */
export const NO_METRICS: AppMetrics = {
  uploadStored: () => undefined,
  uploadFailed: () => undefined,
  uploadStarted: () => () => undefined,
  rateLimitRefused: () => undefined,
  swept: () => undefined,
  scanResult: () => undefined,
  flush: async () => undefined,
};
