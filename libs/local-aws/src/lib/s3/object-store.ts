import { createReadStream, type ReadStream } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ChecksumAlgorithm } from './checksums';
import { type DiskLayout, KeyedLock, readRecord, writeRecord } from './disk-layout';
import type { TagSet } from './object-tags';
import { s3Errors } from './s3-error';

/** What S3 keeps about an object besides its bytes. */
export interface ObjectRecord {
  readonly key: string;
  readonly size: number;
  /** Quoted, as S3 sends it. */
  readonly etag: string;
  readonly lastModified: string;
  /** Stored representation headers (content-type, content-disposition, cache-control...), lowercase names. */
  readonly headers: Readonly<Record<string, string>>;
  /** User metadata: `x-amz-meta-<name>` names, lowercase. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly checksum?: {
    readonly algorithm: ChecksumAlgorithm;
    readonly value: string;
    readonly type: 'FULL_OBJECT' | 'COMPOSITE';
  };
  /** The object's tags (x-amz-tagging, PutObjectTagging); absent when it has none. */
  readonly tags?: TagSet;
  /** The body file's name in the objects folder. */
  readonly body: string;
}

/** Told of every object stored by PutObject or CompleteMultipartUpload (S3's ObjectCreated event). */
export type ObjectCreatedListener = (bucket: string, record: ObjectRecord) => void;

/** Conditions of a write, as S3 takes them from If-None-Match and If-Match. */
export interface WriteConditions {
  readonly ifNoneMatch?: string;
  readonly ifMatch?: string;
}

/** The objects of every bucket: records and bodies on disk, replaced atomically. */
export class ObjectStore {
  private readonly locks = new KeyedLock();
  private readonly createdListeners = new Set<ObjectCreatedListener>();

  constructor(private readonly layout: DiskLayout) {}

  /** Calls `listener` after every object created from now on; returns the call that stops it. */
  onCreated(listener: ObjectCreatedListener): () => void {
    this.createdListeners.add(listener);
    return () => this.createdListeners.delete(listener);
  }

  /** The object's record, or undefined. */
  read(bucket: string, key: string): Promise<ObjectRecord | undefined> {
    return readRecord<ObjectRecord>(this.layout.objectRecordPath(bucket, key));
  }

  /** A stream of bytes `start`..`end` (inclusive) of the object's body. */
  openBody(bucket: string, record: ObjectRecord, range?: { start: number; end: number }): ReadStream {
    // Large reads: fewer, bigger socket writes for big downloads.
    return createReadStream(path.join(this.layout.objectsDir(bucket), record.body), {
      ...range,
      highWaterMark: 1024 * 1024,
    });
  }

  /**
   * Moves a complete, verified body (a temp file) into place as the key's object, if the conditions hold:
   * `If-None-Match: *` fails when the key exists, `If-Match` when its ETag differs. Atomic per key.
   */
  async commit(
    bucket: string,
    record: Omit<ObjectRecord, 'body' | 'lastModified'>,
    tempBody: string,
    conditions: WriteConditions,
  ): Promise<ObjectRecord> {
    const recordPath = this.layout.objectRecordPath(bucket, record.key);
    return this.locks.run(`${bucket}/${record.key}`, async () => {
      const existing = await readRecord<ObjectRecord>(recordPath);
      checkConditions(record.key, existing, conditions);
      const bodyPath = this.layout.newBodyPath(recordPath);
      await rename(tempBody, bodyPath);
      const stored: ObjectRecord = { ...record, body: path.basename(bodyPath), lastModified: new Date().toISOString() };
      await writeRecord(this.layout, recordPath, stored);
      if (existing) await this.removeBody(bucket, existing);
      for (const listener of this.createdListeners) listener(bucket, stored);
      return stored;
    });
  }

  /**
   * Replaces the object's tags with what `change` makes of the current record (it may throw to refuse); atomic per
   * key. NoSuchKey when the key has no object.
   */
  async updateTags(bucket: string, key: string, change: (current: ObjectRecord) => TagSet): Promise<ObjectRecord> {
    const recordPath = this.layout.objectRecordPath(bucket, key);
    return this.locks.run(`${bucket}/${key}`, async () => {
      const existing = await readRecord<ObjectRecord>(recordPath);
      if (!existing) throw s3Errors.noSuchKey(key);
      const tags = change(existing);
      const { tags: _replaced, ...rest } = existing;
      const stored: ObjectRecord = Object.keys(tags).length > 0 ? { ...rest, tags } : rest;
      await writeRecord(this.layout, recordPath, stored);
      return stored;
    });
  }

  /** Removes the object; a missing key is no error, as on S3. */
  async delete(bucket: string, key: string): Promise<void> {
    const recordPath = this.layout.objectRecordPath(bucket, key);
    await this.locks.run(`${bucket}/${key}`, async () => {
      const existing = await readRecord<ObjectRecord>(recordPath);
      if (!existing) return;
      await rm(recordPath, { force: true });
      await this.removeBody(bucket, existing);
    });
  }

  /** Every object of the bucket, sorted by key (UTF-8 binary order, as S3 lists). */
  async list(bucket: string): Promise<ObjectRecord[]> {
    const dir = this.layout.objectsDir(bucket);
    const names = await readdir(dir).catch(() => [] as string[]);
    const records = await Promise.all(
      names.filter((n) => n.endsWith('.json')).map((n) => readRecord<ObjectRecord>(path.join(dir, n))),
    );
    return records
      .filter((r): r is ObjectRecord => r !== undefined)
      .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  }

  private async removeBody(bucket: string, record: ObjectRecord): Promise<void> {
    await rm(path.join(this.layout.objectsDir(bucket), record.body), { force: true });
  }
}

function checkConditions(key: string, existing: ObjectRecord | undefined, conditions: WriteConditions): void {
  if (conditions.ifNoneMatch !== undefined) {
    if (conditions.ifNoneMatch.trim() !== '*') throw s3Errors.notImplemented('If-None-Match other than *');
    if (existing) throw s3Errors.preconditionFailed('If-None-Match');
  }
  if (conditions.ifMatch !== undefined) {
    if (!existing) throw s3Errors.noSuchKey(key);
    if (conditions.ifMatch.trim() !== existing.etag && conditions.ifMatch.trim() !== '*')
      throw s3Errors.preconditionFailed('If-Match');
  }
}
