import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlbTokenSigner } from './alb-token-signer';

/** A running stand-in for the regional ELB public-key endpoint. */
export interface AlbKeyServer {
  /** The endpoint to configure as AUTH_KEY_ENDPOINT (keys are at `<url>/<kid>`). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the signer's public key at `/<kid>` as a PEM, like
 * `https://public-keys.auth.elb.<region>.amazonaws.com/<kid>`; 404 for any other kid.
 */
export async function startAlbKeyServer(signer: AlbTokenSigner, host = '127.0.0.1', port = 0): Promise<AlbKeyServer> {
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === `/${signer.kid}`) {
      res.writeHead(200, { 'content-type': 'application/x-pem-file' });
      return void res.end(signer.publicKeyPem);
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('no such key');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
