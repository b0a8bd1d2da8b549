import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Context } from 'koa';

/** How much of a refused body is read and thrown away, and for how long, before the connection is cut. */
export interface LingerLimits {
  readonly maxBytes: number;
  readonly maxMs: number;
}

/**
 * Enough for a client to see the answer and stop sending; little enough that a refused upload costs next to nothing.
 */
export const REFUSED_BODY_LINGER: LingerLimits = { maxBytes: 1024 * 1024, maxMs: 5_000 };

/**
 * Closes a connection whose request body is still arriving without resetting it: ends our side (FIN after the
 * answer), reads and discards what the client still sends up to `limits`, then destroys the socket. Closing with
 * unread bytes would send a TCP reset, and the client's kernel would drop the answer before the client read it.
 */
export function lingeringClose(
  socket: Socket,
  req?: IncomingMessage,
  limits: LingerLimits = REFUSED_BODY_LINGER,
): void {
  if (socket.destroyed) return;
  let discarded = 0;
  const timer = setTimeout(() => socket.destroy(), limits.maxMs);
  socket.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limits.maxBytes) socket.destroy();
  });
  socket.once('end', () => socket.destroy());
  socket.once('close', () => clearTimeout(timer));
  socket.end();
  socket.resume();
  req?.resume();
}

/**
 * For an answer sent before the request's body was read: the connection closes after it (Connection: close), but
 * lingering, instead of Node's close as soon as the answer is flushed.
 */
export function lingerAfterAnswer(ctx: Context): void {
  const socket = ctx.req.socket as Socket & { destroySoon?: () => void };
  ctx.set('Connection', 'close');
  // Node ends a Connection: close response with socket.destroySoon(), which destroys it once the answer is flushed.
  socket.destroySoon = () => lingeringClose(socket, ctx.req);
}
