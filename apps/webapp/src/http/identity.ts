/** Who a request comes from, as the identity middleware sets it on ctx.state (see the Identity contract). */
export interface Identity {
  /** Stable owner id: a one-way digest (base64url SHA-256) of the anonymous owner secret, or the signed-in user's `sub`. Undefined: no identity yet. */
  readonly ownerId?: string;
  /** Signed-in admin (group claim), or the operator's admin credential. */
  readonly isAdmin: boolean;
  /** Shown on the page when signed in. */
  readonly userName?: string;
  readonly source: 'none' | 'owner-secret' | 'alb' | 'admin';
}
