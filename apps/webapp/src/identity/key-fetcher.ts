import { FetchError, NonRetryableFetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';

/**
 * Fetches the ALB's public keys (a PEM at `<endpoint>/<kid>`) over https, or over http from the local stand-in on
 * the loopback (config refuses plain http anywhere else). A 4xx is final (an unknown kid); anything else may be retried.
 */
export class KeyFetcher implements Fetcher {
  constructor(private readonly timeoutMs = 3_000) {}

  async fetch(uri: string): Promise<ArrayBuffer> {
    let res: Response;
    try {
      res = await fetch(uri, { signal: AbortSignal.timeout(this.timeoutMs), redirect: 'error' });
    } catch (err) {
      throw new FetchError(uri, err instanceof Error ? err.message : String(err));
    }
    if (res.status >= 400 && res.status < 500) throw new NonRetryableFetchError(uri, `Status code is ${res.status}, expected 200`);
    if (res.status !== 200) throw new FetchError(uri, `Status code is ${res.status}, expected 200`);
    return res.arrayBuffer();
  }
}
