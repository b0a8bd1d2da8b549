import type { Logger } from 'pino';
import type { Identity } from '../identity/identity';

/** What middleware puts on ctx.state for the ones after it. */
export interface AppState {
  /** Per-request id, also sent back as X-Request-Id. */
  requestId: string;
  /** Logger carrying the instance id and the request id. */
  log: Logger;
  /** The token the browser sent in its cookie (or one just issued by csrfTokenFor); forms must echo it. */
  csrfCookieToken?: string;
  /** Who is asking (the identity middleware sets it on every request). */
  identity: Identity;
  /** The request carried the owner cookie twice: it has no identity and may not be given one. */
  ownerCookieConflict?: boolean;
  /** An owner secret issued by this request's upload, returned once to API clients as `ownerToken`. */
  issuedOwnerSecret?: string;
}
