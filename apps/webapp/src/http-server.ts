import { createServer, type RequestListener, type Server } from 'node:http';

/** Server timeouts; keepAlive must outlast the ALB's 60 s idle timeout so the ALB closes idle sockets first. */
export interface ServerTimeouts {
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

/** Listens on host:port with the given timeouts; resolves once listening. */
export function listen(handler: RequestListener, address: { port: number; host: string }, timeouts: ServerTimeouts): Promise<Server> {
  const server = createServer({ requestTimeout: timeouts.requestTimeoutMs, headersTimeout: timeouts.headersTimeoutMs }, handler);
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * Stops accepting connections, lets in-flight requests finish for up to `timeoutMs`, then cuts what is left.
 * Resolves true when everything drained in time.
 */
export async function drain(server: Server, timeoutMs: number): Promise<boolean> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Idle keep-alive sockets would hold close() open; busy ones finish their response and are closed after it.
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const drained = await Promise.race([closed.then(() => true as const), timedOut]);
  clearTimeout(timer);
  if (!drained) server.closeAllConnections();
  return drained;
}
