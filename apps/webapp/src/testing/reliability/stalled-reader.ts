import { connect } from 'node:net';
import { once } from 'node:events';

/** A client that asks for a download, takes the first chunk of the answer, then reads nothing more. */
export interface StalledReader {
  /** The answer's status code, from its first chunk. */
  readonly status: Promise<number>;
  /** Reads again, to the end of the connection; resolves to the bytes received in all, headers included. */
  resume(): Promise<number>;
  /** Closes the socket (afterAll safety). */
  stop(): void;
}

/**
 * Sends `GET path` to `baseUrl` (with `headers`) and stops reading after the first chunk, so the server's writes back
 * up into the socket: the kernel's receive buffer fills, then the server's send buffer, then its stream pauses.
 */
export function startStalledReader(
  baseUrl: string,
  path: string,
  headers: Readonly<Record<string, string>> = {},
): StalledReader {
  const url = new URL(baseUrl);
  const socket = connect(Number(url.port), url.hostname);
  socket.on('error', () => undefined);
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  // Connection: close, so a download that does finish ends the connection too.
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n${extra}\r\n`);
  let received = 0;
  let answered: (status: number) => void = () => undefined;
  const status = new Promise<number>((resolve) => (answered = resolve));
  socket.on('data', (chunk: Buffer) => {
    if (received === 0) {
      socket.pause();
      answered(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? 0));
    }
    received += chunk.length;
  });
  return {
    status,
    resume: async () => {
      const closed = once(socket, 'close');
      socket.resume();
      await closed;
      return received;
    },
    stop: () => socket.destroy(),
  };
}
