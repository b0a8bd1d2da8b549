import type { ServerResponse } from 'node:http';
import { pipeline, Transform, type Readable } from 'node:stream';
import type { DownloadStreamSettings } from '@ha-uploads/config';
import { AppError } from './errors';

const tooManyForIp = () =>
  new AppError(
    429,
    'TOO_MANY_DOWNLOADS',
    'Too many downloads at once from your address; wait for one to finish and retry.',
    true,
    { 'Retry-After': '5' },
  );
const instanceBusy = () =>
  new AppError(
    503,
    'DOWNLOADS_BUSY',
    'This server is streaming as many downloads as it can; try again in a few seconds.',
    true,
    { 'Retry-After': '5' },
  );

/**
 * The downloads this instance streams through itself. Each holds one of the S3 client's sockets for as long as the
 * client reads, so they are capped per client IP and per instance (leaving sockets for uploads and /readyz), and a
 * download that moves no bytes for `idleTimeoutMs` is cut.
 */
export class DownloadStreams {
  private readonly perIp = new Map<string, number>();
  private total = 0;

  constructor(private readonly settings: DownloadStreamSettings) {}

  /** Takes a place for `ip`, or throws 429 TOO_MANY_DOWNLOADS / 503 DOWNLOADS_BUSY; the release is idempotent. */
  acquire(ip: string): () => void {
    const mine = this.perIp.get(ip) ?? 0;
    if (mine >= this.settings.perIp) throw tooManyForIp();
    if (this.total >= this.settings.max) throw instanceBusy();
    this.perIp.set(ip, mine + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.perIp.get(ip) ?? 1) - 1;
      if (left === 0) this.perIp.delete(ip);
      else this.perIp.set(ip, left);
    };
  }

  /** Streams in flight, in all and for one IP (metrics, tests). */
  inFlight(ip?: string): number {
    return ip === undefined ? this.total : (this.perIp.get(ip) ?? 0);
  }

  /**
   * `body` as the stream to send: cut, with the response, when no bytes move for `idleTimeoutMs`; `release` is
   * called when either ends.
   */
  watch(body: Readable, res: ServerResponse, release: () => void): Readable {
    // The pipe to the client stops taking bytes while the client reads nothing, so a quiet stream is a stalled client.
    const timer = setTimeout(() => {
      watched.destroy();
      res.destroy();
    }, this.settings.idleTimeoutMs);
    const watched = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        timer.refresh();
        done(null, chunk);
      },
    });
    // Errors reach the response through `watched`; pipeline destroys the S3 body whichever side ends first.
    pipeline(body, watched, () => undefined);
    const end = () => {
      clearTimeout(timer);
      release();
    };
    res.once('close', end);
    watched.once('close', end);
    return watched;
  }
}
