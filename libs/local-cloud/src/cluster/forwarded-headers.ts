import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Sets the X-Forwarded-* headers the way the ALB does: appends the address it saw to X-Forwarded-For (a client's
 * own entries stay in front of it), and overwrites X-Forwarded-Proto and X-Forwarded-Port with how the client reached
 * the balancer, so a client cannot claim HTTPS.
 */
export function setForwardedHeaders(req: IncomingMessage): void {
  const peer = req.socket.remoteAddress ?? '';
  const existing = req.headers['x-forwarded-for'];
  req.headers['x-forwarded-for'] = existing ? `${existing}, ${peer}` : peer;
  req.headers['x-forwarded-proto'] = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
  req.headers['x-forwarded-port'] = String(req.socket.localPort ?? '');
}
