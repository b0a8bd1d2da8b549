import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTPS proxy stand-in: records every CONNECT target and refuses it, so nothing leaves the machine. */
export interface RecordingProxy {
  readonly url: string;
  /** `host:port` of each CONNECT, in order. */
  readonly connects: readonly string[];
  close(): Promise<void>;
}

/** Starts a {@link RecordingProxy} on a free port. */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const connects: string[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(502).end());
  server.on('connect', (req, socket) => {
    connects.push(req.url ?? '');
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connects,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
