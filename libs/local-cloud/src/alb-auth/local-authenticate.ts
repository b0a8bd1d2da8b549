import type { IncomingMessage, ServerResponse } from 'node:http';
import { startAlbKeyServer, type AlbKeyServer } from './alb-key-server';
import { createAlbTokenSigner, type AlbTokenSigner } from './alb-token-signer';
import { startCognitoJwksServer, type CognitoJwksServer } from './cognito-jwks-server';
import { createCognitoTokenSigner, type CognitoTokenSigner } from './cognito-token-signer';
import { LocalSessions, SESSION_COOKIE, localSub } from './local-session';
import { sameOriginPath } from './same-origin-path';
import { SIGNED_OUT_PAGE, signInPage } from './sign-in-page';

/** Paths the local "IdP" answers itself, like the ALB's /oauth2/idpresponse and the IdP's hosted pages. */
export const LOCAL_AUTH_PATHS = { signIn: '/oauth2/sign-in', signOut: '/oauth2/sign-out' } as const;

/** Headers the ALB sets after authenticating; whatever a client sends under these names is dropped. */
const OIDC_HEADERS = ['x-amzn-oidc-data', 'x-amzn-oidc-identity', 'x-amzn-oidc-accesstoken'];

/** The app client of the local user pool, as the access token's `client_id` and the ALB's `client`. */
export const LOCAL_CLIENT_ID = 'local-client';

/**
 * The local balancer's authenticate action with a stand-in Cognito pool: a session cookie, a sign-in form, the user's
 * claims signed like the ALB signs Cognito's user-info answer (no groups), and the pool's access token (with them).
 */
export interface LocalAuthenticator {
  readonly signer: AlbTokenSigner;
  readonly keyServer: AlbKeyServer;
  readonly cognito: CognitoTokenSigner;
  readonly jwksServer: CognitoJwksServer;
  /** What every instance needs to verify the claims, as the infra passes AUTH_* on AWS. */
  readonly instanceEnv: Readonly<Record<string, string>>;
  /**
   * The balancer hook: answers sign-in/out and unauthenticated requests itself (true), or signs the request's claims
   * (false).
   */
  authenticate(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Starts the key endpoints (the ALB's and the pool's JWKS) and returns the authenticate action
 * (`on_unauthenticated_request = authenticate`).
 */
export async function startLocalAuthenticator(options: { readonly host?: string } = {}): Promise<LocalAuthenticator> {
  const cognito = createCognitoTokenSigner({ clientId: LOCAL_CLIENT_ID });
  const signer = createAlbTokenSigner({ issuer: cognito.issuer, clientId: LOCAL_CLIENT_ID });
  const keyServer = await startAlbKeyServer(signer, options.host);
  let jwksServer: CognitoJwksServer;
  try {
    jwksServer = await startCognitoJwksServer(cognito, options.host);
  } catch (err) {
    await keyServer.close();
    throw err;
  }
  const sessions = new LocalSessions();

  async function authenticate(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    for (const name of OIDC_HEADERS) delete req.headers[name];
    const url = new URL(req.url ?? '/', 'http://balancer');
    if (url.pathname === LOCAL_AUTH_PATHS.signIn) return answerSignIn(req, res, url);
    if (url.pathname === LOCAL_AUTH_PATHS.signOut) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'set-cookie': `${SESSION_COOKIE}=; Path=/; Max-Age=0`,
      });
      res.end(SIGNED_OUT_PAGE);
      return true;
    }
    const user = sessions.read(req.headers.cookie);
    if (!user) {
      res.writeHead(302, {
        location: `${LOCAL_AUTH_PATHS.signIn}?return=${encodeURIComponent(url.pathname + url.search)}`,
      });
      res.end();
      return true;
    }
    const sub = localSub(user.name);
    req.headers['x-amzn-oidc-identity'] = sub;
    // Like Cognito's user-info answer, the claims carry attributes but no groups; the access token carries those.
    req.headers['x-amzn-oidc-data'] = signer.sign({ sub, username: user.name });
    req.headers['x-amzn-oidc-accesstoken'] = cognito.accessToken({
      sub,
      username: user.name,
      groups: user.isAdmin ? ['admins'] : [],
    });
    return false;
  }

  async function answerSignIn(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (req.method !== 'POST') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(signInPage(sameOriginPath(url.searchParams.get('return'))));
      return true;
    }
    const form = new URLSearchParams(await readSmallBody(req));
    const name = form.get('username') ?? '';
    const returnTo = sameOriginPath(form.get('return'));
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(signInPage(returnTo, 'Use 1 to 64 letters, digits, dots, dashes, underscores or @.'));
      return true;
    }
    res.writeHead(302, {
      location: returnTo,
      'set-cookie': sessions.issue({ name, isAdmin: form.get('admin') === '1' }),
    });
    res.end();
    return true;
  }

  return {
    signer,
    keyServer,
    cognito,
    jwksServer,
    instanceEnv: {
      AUTH_MODE: 'alb',
      AUTH_ALB_ARN: signer.albArn,
      AUTH_ISSUER: cognito.issuer,
      AUTH_KEY_ENDPOINT: keyServer.url,
      AUTH_JWKS_URI: jwksServer.jwksUri,
      AUTH_CLIENT_ID: LOCAL_CLIENT_ID,
      AUTH_SIGN_OUT_URL: LOCAL_AUTH_PATHS.signOut,
    },
    authenticate,
    close: async () => {
      await Promise.all([keyServer.close(), jwksServer.close()]);
    },
  };
}

async function readSmallBody(req: IncomingMessage, maxBytes = 4096): Promise<string> {
  let body = '';
  for await (const chunk of req as AsyncIterable<Buffer>) {
    body += chunk.toString('utf8');
    if (body.length > maxBytes) break;
  }
  return body;
}
