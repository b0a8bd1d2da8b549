import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { listen } from './http-server';
import { closeServer } from '../testing/test-app';

// Short timeouts, so Node answers 408 to a request whose body never completes.
const TIMEOUTS = { keepAliveTimeoutMs: 5_000, headersTimeoutMs: 300, requestTimeoutMs: 300 };
const HEAD = 'POST /api/files HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nx';
// How many more bytes the client sends after the answer: enough for a closed server socket to reset it.
const LATE_BYTES = 20;

let server: Server;

beforeAll(async () => {
  // A handler that never reads the body nor answers: only Node's request timeout ends the request.
  server = await listen(() => undefined, { port: 0, host: '127.0.0.1' }, TIMEOUTS);
});
afterAll(() => closeServer(server));

/** Writes `data` and resolves with the write's error code, or undefined once the kernel took it. */
function write(socket: Socket, data: string): Promise<string | undefined> {
  return new Promise((resolve) => socket.write(data, (err) => resolve((err as NodeJS.ErrnoException)?.code)));
}

it('delivers the 408 to a client that keeps sending its body and reads only afterwards, with no reset', async () => {
  // GIVEN a client that does not read, whose body stalls until the server answers 408 and ends its side
  const serverSide = once(server, 'connection') as Promise<[Socket]>;
  const socket = connect(Number((server.address() as { port: number }).port), '127.0.0.1');
  const errors: string[] = [];
  socket.on('error', (err: NodeJS.ErrnoException) => errors.push(err.code ?? err.message));
  socket.pause();
  await write(socket, HEAD);
  const [accepted] = await serverSide;
  // Our side ended (a lingering close) or destroyed (Node's default): either way the answer is written.
  await new Promise((resolve) => ['finish', 'close'].forEach((event) => accepted.once(event, resolve)));
  // WHEN it sends more of its body, byte by byte, and only then reads
  for (let i = 0; i < LATE_BYTES; i++) {
    const code = await write(socket, 'x');
    if (code) break;
  }
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  socket.resume();
  socket.end();
  if (!socket.closed) await once(socket, 'close');
  // THEN it reads the whole answer, and saw neither a reset nor a broken pipe
  const statusLine = Buffer.concat(received).toString('latin1').split('\r\n')[0];
  expect({ statusLine, errors }).toEqual({ statusLine: 'HTTP/1.1 408 Request Timeout', errors: [] });
});
