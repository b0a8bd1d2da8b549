import { DIRECT_TRANSFER_DEFAULTS } from './direct-transfer';
import { loadWebappConfig } from './webapp-config';

describe('loadWebappConfig: direct transfers', () => {
  it('defaults to 5 GiB direct uploads, direct from 16 MiB both ways', () => {
    expect(loadWebappConfig({}).directTransfer).toEqual({
      ...DIRECT_TRANSFER_DEFAULTS,
      publicOrigin: undefined,
      s3PublicEndpoint: undefined,
    });
  });

  it('reads the variables infra sets on the instances', () => {
    const config = loadWebappConfig({
      MAX_DIRECT_UPLOAD_BYTES: '1000',
      DIRECT_UPLOAD_MIN_BYTES: '10',
      DIRECT_DOWNLOAD_MIN_BYTES: '0',
      PUBLIC_ORIGIN: 'https://uploads.example.com',
    });
    expect(config.directTransfer).toMatchObject({
      maxDirectUploadBytes: 1000,
      directUploadMinBytes: 10,
      directDownloadMinBytes: 0,
      publicOrigin: 'https://uploads.example.com',
    });
  });

  it('rejects a direct-upload limit above 5 TiB, naming the variable', () => {
    expect(() => loadWebappConfig({ MAX_DIRECT_UPLOAD_BYTES: String(6 * 1024 ** 4) })).toThrow(
      /MAX_DIRECT_UPLOAD_BYTES/,
    );
  });

  it('rejects a PUBLIC_ORIGIN that is not an http(s) URL', () => {
    expect(() => loadWebappConfig({ PUBLIC_ORIGIN: 'uploads.example.com' })).toThrow(/PUBLIC_ORIGIN/);
  });
});
