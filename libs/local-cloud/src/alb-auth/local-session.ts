import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The ALB's session cookie (the ALB shards it as -0, -1, ...; one shard suffices locally). */
export const SESSION_COOKIE = 'AWSELBAuthSessionCookie-0';

/** A signed-in local user. */
export interface LocalUser {
  readonly name: string;
  readonly isAdmin: boolean;
}

/** Session cookies signed with a key made at start-up (the ALB encrypts its own; neither is readable by the app). */
export class LocalSessions {
  private readonly key = randomBytes(32);

  constructor(private readonly lifetimeSeconds = 7 * 86_400) {}

  /** The Set-Cookie value of a new session for `user`. */
  issue(user: LocalUser): string {
    const body = Buffer.from(
      JSON.stringify({ n: user.name, a: user.isAdmin, e: Math.floor(Date.now() / 1000) + this.lifetimeSeconds }),
    ).toString('base64url');
    return `${SESSION_COOKIE}=${body}.${this.mac(body)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${this.lifetimeSeconds}`;
  }

  /** The user of a valid, unexpired session in the Cookie header, or undefined. */
  read(cookieHeader: string | undefined): LocalUser | undefined {
    const value = (cookieHeader ?? '')
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${SESSION_COOKIE}=`))
      ?.slice(SESSION_COOKIE.length + 1);
    const [body, mac] = (value ?? '').split('.');
    if (!body || !mac || mac.length !== 43 || !timingSafeEqual(Buffer.from(mac), Buffer.from(this.mac(body))))
      return undefined;
    const session = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { n: string; a: boolean; e: number };
    return session.e > Date.now() / 1000 ? { name: session.n, isAdmin: session.a } : undefined;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/** A stable `sub` for a local user name, shaped like Cognito's (a UUID). */
export function localSub(name: string): string {
  const hex = createHash('sha256').update(`local-user:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
