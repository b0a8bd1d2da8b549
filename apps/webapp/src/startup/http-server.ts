import { createServer, type RequestListener, type Server } from 'node:http';
import { listen as listenOn } from '@ha-uploads/process';

/** Server timeouts; keepAlive must outlast the ALB's 60 s idle timeout so the ALB closes idle sockets first. */
export interface ServerTimeouts {
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

/** Node checks header/request timeouts only this often by default, so a timeout could fire up to 30 s late. */
const NODE_DEFAULT_CHECKING_INTERVAL_MS = 30_000;

/** Listens on host:port with the given timeouts; resolves once listening. */
export async function listen(handler: RequestListener, address: { port: number; host: string }, timeouts: ServerTimeouts): Promise<Server> {
  // Check a few times per shortest timeout, so a slowloris client is cut close to the configured deadline.
  const checkingIntervalMs = Math.max(
    10,
    Math.min(NODE_DEFAULT_CHECKING_INTERVAL_MS, Math.floor(Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs) / 4)),
  );
  const server = createServer(
    { requestTimeout: timeouts.requestTimeoutMs, headersTimeout: timeouts.headersTimeoutMs, connectionsCheckingInterval: checkingIntervalMs },
    handler,
  );
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
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
