import { compositeChecksum, crc32c, multipartEtag, newDigest } from './checksums';

describe('checksums', () => {
  it('computes CRC-32C check value of "123456789" as e3069283', () => {
    expect(crc32c(Buffer.from('123456789')).toString(16)).toBe('e3069283');
  });

  it('continues a CRC-32C across chunks', () => {
    const digest = newDigest('CRC32C');
    digest.update(Buffer.from('1234'));
    digest.update(Buffer.from('56789'));
    expect(digest.digest().toString('hex')).toBe('e3069283');
  });

  it('computes CRC-32 of "123456789" as cbf43926', () => {
    const digest = newDigest('CRC32');
    digest.update(Buffer.from('123456789'));
    expect(digest.digest().toString('hex')).toBe('cbf43926');
  });

  it('suffixes a composite checksum with the part count', () => {
    expect(compositeChecksum('SHA256', ['AAAA', 'BBBB'])).toMatch(/^[A-Za-z0-9+/]{43}=-2$/);
  });

  it('makes the multipart ETag from the parts binary MD5s', () => {
    // MD5 of 16 zero bytes, the digest of one part whose MD5 is all zeros.
    expect(multipartEtag(['"00000000000000000000000000000000"'])).toBe('"4ae71336e44bf9bf79d2752e234818a5-1"');
  });
});
