import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { s3Errors } from './s3-error';

/**
 * Where everything lives under the server's directory:
 * `tmp/` (bodies being received), `buckets/<bucket>/bucket.json`, `.../objects/<sha256(key)>.json` + body files,
 * `.../uploads/<uploadId>/upload.json` + `<part>.json` + part bodies. A record (JSON) is renamed into place only
 * after the body it names, so a reader never sees a record without its body.
 */
export class DiskLayout {
  readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
  }

  /** Creates the folders and drops what a previous process left half-written. */
  async prepare(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
    await mkdir(this.tmpDir, { recursive: true });
    await mkdir(path.join(this.root, 'buckets'), { recursive: true });
  }

  /** A fresh path in the temp folder (same filesystem as the data, so rename is atomic). */
  tempPath(): string {
    return path.join(this.tmpDir, randomBytes(12).toString('hex'));
  }

  bucketsDir(): string {
    return path.join(this.root, 'buckets');
  }

  bucketDir(bucket: string): string {
    return path.join(this.root, 'buckets', bucket);
  }

  objectsDir(bucket: string): string {
    return path.join(this.bucketDir(bucket), 'objects');
  }

  /** The record path of a key: hashed, so any key of up to 1024 bytes is one safe file name. */
  objectRecordPath(bucket: string, key: string): string {
    return path.join(this.objectsDir(bucket), `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  /** A new, unique body file beside a record. */
  newBodyPath(recordPath: string): string {
    return `${recordPath.slice(0, -'.json'.length)}.${randomBytes(6).toString('hex')}.body`;
  }

  uploadsDir(bucket: string): string {
    return path.join(this.bucketDir(bucket), 'uploads');
  }

  uploadDir(bucket: string, uploadId: string): string {
    // Upload ids are ours (hex); anything else names no upload and never reaches the filesystem.
    if (!/^[0-9a-f]{32}$/.test(uploadId)) throw s3Errors.noSuchUpload(uploadId);
    return path.join(this.uploadsDir(bucket), uploadId);
  }
}

/** Reads a JSON record, or undefined when there is none. */
export async function readRecord<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Writes a JSON record atomically: to a temp file, then renamed over the old one. */
export async function writeRecord(layout: DiskLayout, file: string, record: unknown): Promise<void> {
  const temp = layout.tempPath();
  await writeFile(temp, JSON.stringify(record));
  await rename(temp, file);
}

/** Runs tasks one at a time per key, so a check-then-write (If-None-Match) is atomic within the server. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
