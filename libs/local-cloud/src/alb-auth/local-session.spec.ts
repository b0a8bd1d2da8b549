import { LocalSessions, SESSION_COOKIE, localSub } from './local-session';

const cookieOf = (setCookie: string) => setCookie.split(';')[0];

describe('LocalSessions', () => {
  it('reads back the user of a session it issued', () => {
    const sessions = new LocalSessions();
    expect(sessions.read(cookieOf(sessions.issue({ name: 'alice', isAdmin: true })))).toEqual({
      name: 'alice',
      isAdmin: true,
    });
  });

  it('refuses a session whose body was changed (e.g. to claim admin)', () => {
    const sessions = new LocalSessions();
    const [, value] = cookieOf(sessions.issue({ name: 'bob', isAdmin: false })).split('=');
    const [, mac] = value.split('.');
    const forged = Buffer.from(JSON.stringify({ n: 'bob', a: true, e: 9e9 })).toString('base64url');
    expect(sessions.read(`${SESSION_COOKIE}=${forged}.${mac}`)).toBeUndefined();
  });

  it('refuses a session issued by another balancer run (another key)', () => {
    expect(
      new LocalSessions().read(cookieOf(new LocalSessions().issue({ name: 'carol', isAdmin: false }))),
    ).toBeUndefined();
  });

  it('refuses an expired session', () => {
    const sessions = new LocalSessions(-1);
    expect(sessions.read(cookieOf(sessions.issue({ name: 'dave', isAdmin: false })))).toBeUndefined();
  });

  it('gives each user name one stable, UUID-shaped sub', () => {
    expect(localSub('alice')).toBe(localSub('alice'));
    expect(localSub('alice')).not.toBe(localSub('bob'));
    expect(localSub('alice')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
