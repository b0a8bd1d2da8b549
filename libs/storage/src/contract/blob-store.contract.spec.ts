import { InMemoryBlobStore } from '@ha-uploads/files/testing';
import { S3BlobStore } from '../lib/s3-blob-store';
import { describeBlobStoreContract } from './blob-store.contract';
import { localS3Target } from './s3-targets';

describeBlobStoreContract('InMemoryBlobStore', async () => ({
  store: new InMemoryBlobStore(),
  stop: async () => undefined,
}));

describeBlobStoreContract('S3BlobStore on the local S3', async () => {
  const target = await localS3Target();
  return {
    store: new S3BlobStore({ s3: target.s3, bucket: target.bucket, partSizeBytes: 5 * 1024 * 1024, queueSize: 4 }),
    stop: () => target.stop(),
  };
});
