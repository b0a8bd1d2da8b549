import { request } from 'node:http';
import { readResponse, type ReadResponse } from './streaming-upload';

/**
 * Sends a POST's headers announcing a large body, and never sends the body. Resolves with the answer the server
 * gives anyway, which proves it decided without reading the body; the connection is then dropped.
 */
export function postHeadersOnly(
  baseUrl: string,
  path: string,
  headers: Readonly<Record<string, string>>,
  declaredBytes = 10 * 1024 * 1024,
): Promise<ReadResponse> {
  const req = request(new URL(path, baseUrl), {
    method: 'POST',
    agent: false,
    headers: { ...headers, 'Content-Length': String(declaredBytes) },
  });
  req.flushHeaders();
  return new Promise<ReadResponse>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      readResponse(res)
        .then(resolve, reject)
        .finally(() => req.destroy());
    });
  });
}
