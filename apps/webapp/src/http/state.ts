import type { Logger } from 'pino';

/** What middleware puts on ctx.state for the ones after it. */
export interface AppState {
  /** Per-request id, also sent back as X-Request-Id. */
  requestId: string;
  /** Logger carrying the instance id and the request id. */
  log: Logger;
  /** This request's CSRF token (from the cookie, or newly issued). */
  csrfToken: string;
  /** The token the browser sent in its cookie, if any; forms must echo it. */
  csrfCookieToken?: string;
}
