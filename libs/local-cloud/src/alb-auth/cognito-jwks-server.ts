import { createServer } from 'node:http';
import { closeServer, listen } from '@ha-uploads/process';
import type { CognitoTokenSigner } from './cognito-token-signer';

/** A running stand-in for a user pool's JWKS endpoint. */
export interface CognitoJwksServer {
  /** The JWKS to configure as AUTH_JWKS_URI: `<origin>/<userPoolId>/.well-known/jwks.json`, Cognito's path. */
  readonly jwksUri: string;
  close(): Promise<void>;
}

/**
 * Serves the signer's JWKS like `https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json`; 404
 * elsewhere.
 */
export async function startCognitoJwksServer(
  signer: CognitoTokenSigner,
  host = '127.0.0.1',
  port = 0,
): Promise<CognitoJwksServer> {
  const path = `/${signer.userPoolId}/.well-known/jwks.json`;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === path) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(signer.jwks));
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  const bound = await listen(server, port, host);
  return { jwksUri: `http://${host}:${bound}${path}`, close: () => closeServer(server) };
}
