import { DIRECT_TRANSFER_DEFAULTS, directTransferEnvironment } from './direct-transfer';

describe('directTransferEnvironment', () => {
  it('passes the limits, thresholds and public origin as strings', () => {
    // GIVEN / WHEN
    const env = directTransferEnvironment({
      ...DIRECT_TRANSFER_DEFAULTS,
      directDownloadMinBytes: 0,
      publicOrigin: 'https://uploads.example.com',
    });
    // THEN
    expect(env).toEqual({
      MAX_DIRECT_UPLOAD_BYTES: '5368709120',
      DIRECT_UPLOAD_MIN_BYTES: '16777216',
      DIRECT_DOWNLOAD_MIN_BYTES: '0',
      PUBLIC_ORIGIN: 'https://uploads.example.com',
    });
  });
});
