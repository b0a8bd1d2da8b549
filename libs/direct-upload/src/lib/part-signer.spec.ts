import { PartSigner, SIGN_AHEAD, URL_FRESH_MS, type SignedPart } from './part-signer';

/** Yields to the event loop, as a real hash of a part does. */
const yieldToEventLoop = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Hashing that finishes a part only when released; `asked(n)` resolves once the signer asked for part n's hash. */
function gatedHashing() {
  const releases = new Map<number, () => void>();
  const waiters = new Map<number, () => void>();
  return {
    hash: (n: number) =>
      new Promise<string>((resolve) => {
        releases.set(n, () => resolve(`sum-${n}`));
        waiters.get(n)?.();
      }),
    asked: (n: number) =>
      releases.has(n) ? Promise.resolve() : new Promise<void>((resolve) => waiters.set(n, resolve)),
    release: (n: number) => releases.get(n)?.(),
  };
}

function setup(
  options: {
    partCount?: number;
    hash?: (n: number) => Promise<string>;
    failFirstSign?: boolean;
    now?: () => number;
  } = {},
) {
  const calls: number[][] = [];
  let failures = options.failFirstSign ? 1 : 0;
  const order = Array.from({ length: options.partCount ?? 16 }, (_, i) => i + 1);
  const signer = new PartSigner(
    {
      async sign(parts) {
        calls.push(parts.map((p) => p.partNumber));
        if (failures-- > 0) throw new Error('503');
        return parts.map((p): SignedPart => ({
          partNumber: p.partNumber,
          url: `https://s3/${p.partNumber}?sig=${calls.length}`,
          headers: { 'x-amz-checksum-sha256': p.checksum },
        }));
      },
      checksumOf: options.hash ?? (async (n) => `sum-${n}`),
    },
    order,
    options.now,
  );
  return { signer, calls };
}

describe('PartSigner', () => {
  it('signs the four parts that go out first in one call, then the parts hashed meanwhile in one more', async () => {
    // GIVEN 16 parts to send / WHEN four senders ask for parts 1 to 4 at once
    const { signer, calls } = setup();
    const first = await Promise.all([1, 2, 3, 4].map((n) => signer.urlFor(n)));
    // AND then for part 5, once the parts after it were hashed in the background (one after another, 16 last)
    await signer.checksum(16);
    const fifth = await signer.urlFor(5);
    // THEN two calls signed 1-4, then 5 and the next SIGN_AHEAD parts, each URL bound to its checksum
    expect(calls).toEqual([[1, 2, 3, 4], [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].slice(0, SIGN_AHEAD + 1)]);
    expect(first.map((p) => p.headers['x-amz-checksum-sha256'])).toEqual(['sum-1', 'sum-2', 'sum-3', 'sum-4']);
    expect(fifth.url).toBe('https://s3/5?sig=2');
    expect((await signer.urlFor(16)).url).toBe('https://s3/16?sig=2');
  });

  it('signs a part without waiting for later parts that are not hashed yet', async () => {
    // GIVEN hashing that only finishes parts when released
    const hashing = gatedHashing();
    const { signer, calls } = setup({ partCount: 8, hash: hashing.hash });
    const firstFour = Promise.all([1, 2, 3, 4].map((n) => signer.urlFor(n)));
    for (const n of [1, 2, 3, 4]) {
      await hashing.asked(n);
      hashing.release(n);
    }
    await firstFour;
    // WHEN part 5 is hashed but 6 is not, and part 5 is asked for
    await hashing.asked(5);
    hashing.release(5);
    await signer.checksum(5);
    await signer.urlFor(5);
    // THEN part 5 is signed alone
    expect(calls).toEqual([[1, 2, 3, 4], [5]]);
  });

  it('signs an expired part again, on its own', async () => {
    const { signer, calls } = setup({ partCount: 2 });
    await signer.urlFor(1);
    const again = await signer.resign(1);
    expect(calls).toEqual([[1, 2], [1]]);
    expect(again.url).toBe('https://s3/1?sig=2');
  });

  it('signs a URL again before use once it is four minutes old', async () => {
    let now = 0;
    const { signer, calls } = setup({ partCount: 2, now: () => now });
    await signer.urlFor(1);
    now = URL_FRESH_MS - 1;
    expect((await signer.urlFor(2)).url).toBe('https://s3/2?sig=1');
    now = URL_FRESH_MS + 1;
    expect((await signer.urlFor(2)).url).toBe('https://s3/2?sig=2');
    expect(calls).toEqual([[1, 2], [2]]);
  });

  it('asks again after a failed sign call instead of keeping the failure', async () => {
    const { signer, calls } = setup({ partCount: 1, failFirstSign: true });
    await expect(signer.urlFor(1)).rejects.toThrow('503');
    expect((await signer.urlFor(1)).url).toBe('https://s3/1?sig=2');
    expect(calls).toEqual([[1], [1]]);
  });

  it('hashes each part once, one after another', async () => {
    const hashed: number[] = [];
    let running = 0;
    let most = 0;
    const { signer } = setup({
      partCount: 6,
      hash: async (n) => {
        running += 1;
        most = Math.max(most, running);
        await yieldToEventLoop();
        hashed.push(n);
        running -= 1;
        return `sum-${n}`;
      },
    });
    await Promise.all([1, 2, 3, 4].map((n) => signer.urlFor(n)));
    await Promise.all([5, 6, 5].map((n) => signer.urlFor(n)));
    expect(hashed).toEqual([1, 2, 3, 4, 5, 6]);
    expect(most).toBe(1);
  });
});
