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
