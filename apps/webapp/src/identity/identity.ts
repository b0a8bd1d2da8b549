/**
 * Who is asking, set on every request by the `identity` middleware (the contract other middleware read: the abuse
 * limits count per `ownerId`).
 */
export interface Identity {
  /**
   * Stable owner id: a one-way digest (base64url SHA-256) of the anonymous owner secret, or the signed-in user's `sub`.
   * Undefined: no identity yet.
   */
  readonly ownerId?: string;
  /** Signed-in admin (group claim), or the operator's admin credential. */
  readonly isAdmin: boolean;
  /** Shown on the page when signed in. */
  readonly userName?: string;
  readonly source: 'none' | 'owner-secret' | 'alb' | 'admin';
}

/** A client that has shown no credential. */
export const NO_IDENTITY: Identity = { isAdmin: false, source: 'none' };
