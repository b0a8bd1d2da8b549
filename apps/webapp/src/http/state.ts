import type { Logger } from 'pino';
import type { Identity } from './identity';

/** What middleware puts on ctx.state for the ones after it. */
export interface AppState {
  /** Per-request id, also sent back as X-Request-Id. */
  requestId: string;
  /** Logger carrying the instance id and the request id. */
  log: Logger;
  /** The token the browser sent in its cookie (or one just issued by csrfTokenFor); forms must echo it. */
  csrfCookieToken?: string;
  /** Who the request comes from; absent until the identity middleware ran. */
  identity?: Identity;
}
