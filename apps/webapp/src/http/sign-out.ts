import type { Context } from 'koa';

/** The ALB splits its session into cookies -0, -1, ... (up to 4 for a 16 KiB session). */
export const ALB_SESSION_COOKIE_SHARDS = 4;

/** Ends the ALB session: every AWSELBAuthSessionCookie shard, expired. The IdP session ends at its logout URL. */
export function expireAlbSession(ctx: Context): void {
  for (let shard = 0; shard < ALB_SESSION_COOKIE_SHARDS; shard++) {
    ctx.cookies.set(`AWSELBAuthSessionCookie-${shard}`, '', {
      path: '/',
      maxAge: 0,
      expires: new Date(0),
      httpOnly: true,
      secure: ctx.secure,
      overwrite: true,
    });
  }
}
