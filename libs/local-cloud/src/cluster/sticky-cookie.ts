/** The cookie an ALB sets for duration-based (`lb_cookie`) stickiness. */
export const STICKY_COOKIE_NAME = 'AWSALB';

/** Encodes a target id as an opaque cookie value. */
export function encodeStickyTarget(targetId: string): string {
  return Buffer.from(`t:${targetId}`, 'utf8').toString('base64url');
}

/** The target id in the request's sticky cookie, or undefined when absent or not ours. */
export function readStickyTarget(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== STICKY_COOKIE_NAME) continue;
    const decoded = Buffer.from(rest.join('='), 'base64url').toString('utf8');
    return decoded.startsWith('t:') ? decoded.slice(2) : undefined;
  }
  return undefined;
}

/** The Set-Cookie header value that pins a client to a target for `durationSeconds`. */
export function stickyCookieHeader(targetId: string, durationSeconds: number): string {
  return `${STICKY_COOKIE_NAME}=${encodeStickyTarget(targetId)}; Max-Age=${durationSeconds}; Path=/; HttpOnly; SameSite=Lax`;
}
