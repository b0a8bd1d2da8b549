import { FetchError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';

/** Settings of KeyFetcher. */
export interface KeyFetcherOptions {
  /** @default 3000 */
  readonly timeoutMs?: number;
  /** How long an unknown key (a 4xx) is answered from memory instead of asked again. @default 60000 */
  readonly unknownKeyTtlMs?: number;
  /** The most unknown keys remembered; the oldest is forgotten first. @default 10000 */
  readonly maxUnknownKeys?: number;
  /** @default - Date.now */
  readonly now?: () => number;
}

/**
 * Fetches the ALB's public keys (a PEM at `<endpoint>/<kid>`) over https, or over http from the local stand-in on
 * the loopback (config refuses plain http anywhere else). A 4xx is final (an unknown kid) and remembered briefly,
 * so a token replayed with one made-up kid costs one fetch; anything else may be retried.
 */
export class KeyFetcher implements Fetcher {
  private readonly unknown = new Map<string, number>();
  private readonly timeoutMs: number;
  private readonly unknownKeyTtlMs: number;
  private readonly maxUnknownKeys: number;
  private readonly now: () => number;

  constructor(options: KeyFetcherOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 3_000;
    this.unknownKeyTtlMs = options.unknownKeyTtlMs ?? 60_000;
    this.maxUnknownKeys = options.maxUnknownKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async fetch(uri: string): Promise<ArrayBuffer> {
    const knownUnknownUntil = this.unknown.get(uri);
    if (knownUnknownUntil !== undefined && knownUnknownUntil > this.now())
      throw new NonRetryableFetchError(uri, 'Unknown key (remembered)');
    let res: Response;
    try {
      res = await fetch(uri, { signal: AbortSignal.timeout(this.timeoutMs), redirect: 'error' });
    } catch (err) {
      throw new FetchError(uri, err instanceof Error ? err.message : String(err));
    }
    if (res.status >= 400 && res.status < 500) {
      this.rememberUnknown(uri);
      throw new NonRetryableFetchError(uri, `Status code is ${res.status}, expected 200`);
    }
    if (res.status !== 200) throw new FetchError(uri, `Status code is ${res.status}, expected 200`);
    return res.arrayBuffer();
  }

  private rememberUnknown(uri: string): void {
    this.unknown.delete(uri);
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.unknown.size >= this.maxUnknownKeys) this.unknown.delete(this.unknown.keys().next().value as string);
    this.unknown.set(uri, this.now() + this.unknownKeyTtlMs);
  }
}
