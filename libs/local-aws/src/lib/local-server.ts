import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local backend server that is listening. */
export interface RunningServer {
  /** Base URL clients use, e.g. http://127.0.0.1:4567. */
  readonly endpoint: string;
  readonly port: number;
  /** Stops listening and drops open connections, then releases the data directory. */
  close(): Promise<void>;
}

/** The URL a client on this machine reaches a server bound to `host`:`port` with. */
export function endpointUrl(host: string, port: number): string {
  // A wildcard bind is reachable on loopback; never hand out a non-loopback address.
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/** The port a listening server got (useful after listening on port 0). */
export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/**
 * Closes a server without waiting for clients' keep-alive sockets to go idle, which with
 * pooled SDK agents could take minutes: close() stops accepting, closeAllConnections() ends the rest.
 */
export function closeServer(server: Server, close: () => Promise<void>): Promise<void> {
  const closed = close();
  server.closeAllConnections();
  return closed;
}

/** Listens on host:port, rejecting (instead of emitting an unhandled 'error') when that fails. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Promisified server.close() that drops open connections (see closeServer). */
export function stopServer(server: Server): Promise<void> {
  return closeServer(server, () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))));
}
