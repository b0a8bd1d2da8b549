import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ChecksumAlgorithm } from './checksums';
import { type DiskLayout, KeyedLock, readRecord, writeRecord } from './disk-layout';
import type { TagSet } from './object-tags';
import { s3Errors } from './s3-error';

/** A multipart upload in progress. */
export interface UploadRecord {
  readonly uploadId: string;
  readonly key: string;
  readonly initiated: string;
  /** Representation headers and user metadata given at creation; they land on the completed object. */
  readonly headers: Readonly<Record<string, string>>;
  readonly metadata: Readonly<Record<string, string>>;
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  /** The x-amz-tagging given at creation; the completed object carries them. */
  readonly tags?: TagSet;
}

/** One uploaded part. */
export interface PartRecord {
  readonly partNumber: number;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: string;
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string };
  /** The body file's name in the upload's folder. */
  readonly body: string;
}

const UPLOAD_RECORD = 'upload.json';

/** Multipart uploads and their parts on disk; aborting or completing removes the upload's folder. */
export class UploadStore {
  private readonly locks = new KeyedLock();

  constructor(private readonly layout: DiskLayout) {}

  /** Starts an upload and returns its record. */
  async create(bucket: string, upload: Omit<UploadRecord, 'uploadId' | 'initiated'>): Promise<UploadRecord> {
    const uploadId = randomBytes(16).toString('hex');
    const dir = this.layout.uploadDir(bucket, uploadId);
    await mkdir(dir, { recursive: true });
    const record: UploadRecord = { ...upload, uploadId, initiated: new Date().toISOString() };
    await writeRecord(this.layout, path.join(dir, UPLOAD_RECORD), record);
    return record;
  }

  /** The upload of that id for that key, or NoSuchUpload. */
  async get(bucket: string, key: string, uploadId: string): Promise<UploadRecord> {
    const record = await readRecord<UploadRecord>(path.join(this.layout.uploadDir(bucket, uploadId), UPLOAD_RECORD));
    if (!record || record.key !== key) throw s3Errors.noSuchUpload(uploadId);
    return record;
  }

  /** Every upload in progress in the bucket, by key then upload id. */
  async list(bucket: string): Promise<UploadRecord[]> {
    const ids = await readdir(this.layout.uploadsDir(bucket)).catch(() => [] as string[]);
    const records = await Promise.all(
      ids.map((id) => readRecord<UploadRecord>(path.join(this.layout.uploadsDir(bucket), id, UPLOAD_RECORD))),
    );
    return records
      .filter((r): r is UploadRecord => r !== undefined)
      .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)) || a.uploadId.localeCompare(b.uploadId));
  }

  /** Moves a verified part body into place, replacing an earlier part of the same number. */
  async commitPart(
    bucket: string,
    upload: UploadRecord,
    part: Omit<PartRecord, 'body' | 'lastModified'>,
    tempBody: string,
  ): Promise<PartRecord> {
    const dir = this.layout.uploadDir(bucket, upload.uploadId);
    return this.locks.run(upload.uploadId, async () => {
      // Aborted or completed while the body was arriving: the part has nowhere to go.
      const current = await readRecord<UploadRecord>(path.join(dir, UPLOAD_RECORD));
      if (!current) throw s3Errors.noSuchUpload(upload.uploadId);
      const recordPath = path.join(dir, `${part.partNumber}.json`);
      const previous = await readRecord<PartRecord>(recordPath);
      const body = `${part.partNumber}.${randomBytes(6).toString('hex')}.body`;
      await rename(tempBody, path.join(dir, body));
      const stored: PartRecord = { ...part, body, lastModified: new Date().toISOString() };
      await writeRecord(this.layout, recordPath, stored);
      if (previous) await rm(path.join(dir, previous.body), { force: true });
      return stored;
    });
  }

  /** The upload's parts by part number. */
  async parts(bucket: string, uploadId: string): Promise<PartRecord[]> {
    const dir = this.layout.uploadDir(bucket, uploadId);
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /^\d+\.json$/.test(n));
    const parts = await Promise.all(names.map((n) => readRecord<PartRecord>(path.join(dir, n))));
    return parts.filter((p): p is PartRecord => p !== undefined).sort((a, b) => a.partNumber - b.partNumber);
  }

  /** The path of a part's body. */
  partBodyPath(bucket: string, uploadId: string, part: PartRecord): string {
    return path.join(this.layout.uploadDir(bucket, uploadId), part.body);
  }

  /** Removes the upload and every part on disk (abort, complete, expiry). */
  async remove(bucket: string, uploadId: string): Promise<void> {
    const dir = this.layout.uploadDir(bucket, uploadId);
    await this.locks.run(uploadId, async () => {
      // The record goes first so a racing UploadPart sees NoSuchUpload, then the parts.
      await rm(path.join(dir, UPLOAD_RECORD), { force: true });
      await rm(dir, { recursive: true, force: true });
    });
  }
}
