import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { listen as listenOn } from '@ha-uploads/process';
import { lingeringClose } from '../http/lingering-close';

/** Server timeouts; keepAlive must outlast the ALB's 60 s idle timeout so the ALB closes idle sockets first. */
export interface ServerTimeouts {
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

/** Node checks header/request timeouts only this often by default, so a timeout could fire up to 30 s late. */
const NODE_DEFAULT_CHECKING_INTERVAL_MS = 30_000;

/** Listens on host:port with the given timeouts; resolves once listening. */
export async function listen(
  handler: RequestListener,
  address: { port: number; host: string },
  timeouts: ServerTimeouts,
): Promise<Server> {
  // Check a few times per shortest timeout, so a slowloris client is cut close to the configured deadline.
  const checkingIntervalMs = Math.max(
    10,
    Math.min(
      NODE_DEFAULT_CHECKING_INTERVAL_MS,
      Math.floor(Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs) / 4),
    ),
  );
  const server = createServer(
    {
      requestTimeout: timeouts.requestTimeoutMs,
      headersTimeout: timeouts.headersTimeoutMs,
      connectionsCheckingInterval: checkingIntervalMs,
    },
    handler,
  );
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  server.on('clientError', answerClientError);
  await listenOn(server, address.port, address.host);
  return server;
}

const DRAIN_POLL_MS = 100;

/**
 * Stops accepting connections, lets in-flight requests finish for up to `timeoutMs`, then cuts what is left.
 * Resolves true when everything drained in time.
 */
export async function drain(server: Server, timeoutMs: number): Promise<boolean> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive socket that is busy now turns idle once its response is sent, and would then hold close() open
  // for the whole keep-alive timeout: keep closing idle sockets until close() resolves.
  server.closeIdleConnections();
  const sweeper = setInterval(() => server.closeIdleConnections(), DRAIN_POLL_MS);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const drained = await Promise.race([closed.then(() => true as const), timedOut]);
  clearInterval(sweeper);
  clearTimeout(timer);
  if (!drained) server.closeAllConnections();
  return drained;
}

const CLIENT_ERROR_STATUS: Readonly<Record<string, string>> = {
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
};

/**
 * Node's own answer to a broken or timed-out request (408, 431, 400), but closed lingering: Node's default destroys
 * the socket right after writing it, and a client still sending its body then gets a reset instead of the answer.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[err.code ?? ''] ?? '400 Bad Request';
  socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  lingeringClose(socket);
}
