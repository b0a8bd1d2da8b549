import { connect } from 'node:net';
import { once } from 'node:events';

/** A client that sends `head` at once, then one `piece` every `everyMs`, forever: a slowloris. */
export interface SlowClient {
  /** Everything the server sent, once it closed the connection. */
  readonly closed: Promise<string>;
  /** Stops dribbling and closes the socket (afterAll safety). */
  stop(): void;
}

/** Connects to `baseUrl` and starts dribbling. */
export function startSlowClient(
  baseUrl: string,
  options: { readonly head: string; readonly piece: string; readonly everyMs: number },
): SlowClient {
  const url = new URL(baseUrl);
  const socket = connect(Number(url.port), url.hostname);
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  // The server cutting us off is the expected outcome, not an error.
  socket.on('error', () => undefined);
  socket.write(options.head);
  const timer = setInterval(() => {
    if (socket.writable) socket.write(options.piece);
  }, options.everyMs);
  const closed = once(socket, 'close').then(() => {
    clearInterval(timer);
    return Buffer.concat(received).toString('latin1');
  });
  return {
    closed,
    stop() {
      clearInterval(timer);
      socket.destroy();
    },
  };
}
