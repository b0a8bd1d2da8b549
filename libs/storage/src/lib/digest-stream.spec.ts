import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileTooLargeError } from '@ha-uploads/files';
import { DigestStream } from './digest-stream';

function sink(): { stream: Writable; received: () => number } {
  let received = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      callback();
    },
  });
  return { stream, received: () => received };
}

describe('DigestStream', () => {
  it('passes bytes through and reports their count and sha256', async () => {
    const digest = new DigestStream(100);
    const out = sink();
    await pipeline(Readable.from([Buffer.from('hello '), Buffer.from('world')]), digest, out.stream);
    expect(out.received()).toBe(11);
    expect(digest.bytes).toBe(11);
    expect(digest.sha256()).toBe(createHash('sha256').update('hello world').digest('hex'));
  });

  it('accepts a body of exactly maxBytes', async () => {
    const digest = new DigestStream(5);
    await pipeline(Readable.from([Buffer.from('12345')]), digest, sink().stream);
    expect(digest.tooLarge).toBe(false);
  });

  it('fails with FileTooLargeError past maxBytes without forwarding the excess', async () => {
    const digest = new DigestStream(5);
    const out = sink();
    await expect(
      pipeline(Readable.from([Buffer.from('123'), Buffer.from('456')]), digest, out.stream),
    ).rejects.toBeInstanceOf(FileTooLargeError);
    expect(digest.tooLarge).toBe(true);
    expect(out.received()).toBe(3);
  });
});
