import { randomBytesStream, randomPart } from './random-stream';

async function collect(size: number, seed: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of randomBytesStream(size, seed)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('randomBytesStream', () => {
  it('yields exactly the requested number of bytes', async () => {
    expect((await collect(200_001, 1)).length).toBe(200_001);
  });

  it('replays the same bytes for the same seed', async () => {
    expect((await collect(150_000, 7)).equals(await collect(150_000, 7))).toBe(true);
  });

  it('yields different bytes for another seed', async () => {
    expect((await collect(150_000, 7)).equals(await collect(150_000, 8))).toBe(false);
  });

  it('yields nothing for size 0', async () => {
    expect((await collect(0, 1)).length).toBe(0);
  });
});

describe('randomPart', () => {
  it('makes the same part each time, of the length asked for, and another part differently', () => {
    const part = randomPart(9, 3, 200_001);
    expect(part.length).toBe(200_001);
    expect(part.equals(randomPart(9, 3, 200_001))).toBe(true);
    expect(part.equals(randomPart(9, 4, 200_001))).toBe(false);
  });
});
