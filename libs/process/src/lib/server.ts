import type { Server } from 'node:net';

/** Listens on host:port (0 picks a free port) and resolves to the bound port; rejects instead of emitting 'error'. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/**
 * Stops accepting connections and ends the open ones at once, without waiting for clients' keep-alive sockets to
 * go idle (with pooled SDK agents that could take minutes). Resolves once closed; a server not listening is closed.
 */
export function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve, reject) =>
    server.close((err) =>
      err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(err) : resolve(),
    ),
  );
  (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
  return closed;
}
