import type { Fetcher } from 'aws-jwt-verify/https';
import { KeyFetcher } from './key-fetcher';

/**
 * Fetches the configured JWKS whatever URI the verifier derived from the token's issuer (it only asks for the
 * pool it was built for): on AWS the two are the same; locally the configured one is the stand-in on the loopback.
 */
export class JwksUriFetcher implements Fetcher {
  constructor(
    private readonly jwksUri: string,
    private readonly inner: Fetcher = new KeyFetcher(),
  ) {}

  fetch(): Promise<ArrayBuffer> {
    return this.inner.fetch(this.jwksUri);
  }
}
