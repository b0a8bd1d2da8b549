import { createHash } from 'node:crypto';
import { startPartHasher } from './part-hasher';
import { randomPart } from './random-stream';

describe('the bench part hasher', () => {
  it('hashes in its worker thread exactly the bytes the main thread sends', async () => {
    // GIVEN the hashing thread / WHEN it hashes part 3 of seed 9 / THEN the checksum is that of the part made here
    const hasher = startPartHasher();
    try {
      const expected = createHash('sha256')
        .update(randomPart(9, 3, 200_001))
        .digest('base64');
      await expect(hasher.checksum(9, 3, 200_001)).resolves.toBe(expected);
    } finally {
      await hasher.close();
    }
  });
});
