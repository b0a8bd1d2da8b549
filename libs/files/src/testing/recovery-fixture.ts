import { Readable } from 'node:stream';
import { FileService } from '../lib/file-service';
import { InMemoryBlobStore } from './in-memory-blob-store';
import { InMemoryFileCatalog } from './in-memory-file-catalog';

/** A file service on in-memory stores, and a one-call upload of a file whose body is its name (for recovery specs). */
export function recoveryFixture() {
  const catalog = new InMemoryFileCatalog();
  const blobs = new InMemoryBlobStore();
  const files = new FileService({ catalog, blobs, maxUploadBytes: 100 });
  const upload = (name: string) =>
    files.upload(Readable.from([Buffer.from(name)]), { name, ownerId: 'owner-1' }, 'i-1');
  return { catalog, blobs, files, upload };
}
