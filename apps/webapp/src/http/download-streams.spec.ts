import { AppError } from './errors';
import { DownloadStreams } from './download-streams';

const refusal = (take: () => unknown): [number, string, string | undefined] => {
  try {
    take();
  } catch (err) {
    if (err instanceof AppError) return [err.status, err.code, err.headers['Retry-After']];
  }
  return [0, 'admitted', undefined];
};

describe('DownloadStreams', () => {
  it('refuses a client past its concurrent streams with 429 TOO_MANY_DOWNLOADS', () => {
    const streams = new DownloadStreams({ idleTimeoutMs: 1_000, perIp: 2, max: 10 });
    streams.acquire('203.0.113.7');
    streams.acquire('203.0.113.7');
    expect(refusal(() => streams.acquire('203.0.113.7'))).toEqual([429, 'TOO_MANY_DOWNLOADS', '5']);
  });

  it('refuses anyone past the instance cap with 503 DOWNLOADS_BUSY', () => {
    const streams = new DownloadStreams({ idleTimeoutMs: 1_000, perIp: 2, max: 2 });
    streams.acquire('203.0.113.7');
    streams.acquire('198.51.100.1');
    expect(refusal(() => streams.acquire('198.51.100.2'))).toEqual([503, 'DOWNLOADS_BUSY', '5']);
  });

  it('gives a place back once, however often it is released', () => {
    const streams = new DownloadStreams({ idleTimeoutMs: 1_000, perIp: 1, max: 2 });
    const release = streams.acquire('203.0.113.7');
    streams.acquire('198.51.100.1');
    release();
    release();
    expect([streams.inFlight(), streams.inFlight('203.0.113.7')]).toEqual([1, 0]);
  });
});
