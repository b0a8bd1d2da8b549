import { decodeRecordMetadata, encodeRecordMetadata, type RecordMetadata } from './record-metadata';

const ID = '01HZY3QK8X9V5N2M4P6R7S8T9W';
const KEY = `files/${ID}`;
const RECORD: RecordMetadata = {
  id: ID,
  name: 'Résumé – 2026.pdf',
  contentType: 'application/pdf',
  ownerId: 'Zk3x-owner_digest',
  uploadedAt: '2026-12-07T05:00:00.000Z',
  uploadedBy: 'i-0abc',
  source: 'app',
};

describe('record metadata', () => {
  it('round-trips a record, its non-ASCII name kept exactly', () => {
    expect(decodeRecordMetadata(KEY, encodeRecordMetadata(RECORD))).toEqual({ ok: true, record: RECORD });
  });

  it('is ASCII only, as S3 metadata must be', () => {
    expect(Object.values(encodeRecordMetadata(RECORD)).join('')).toMatch(/^[\x20-\x7e]*$/);
  });

  it('reads keys in any case, as S3 returns them lowercased', () => {
    const upper = Object.fromEntries(
      Object.entries(encodeRecordMetadata(RECORD)).map(([k, v]) => [k.toUpperCase(), v]),
    );
    expect(decodeRecordMetadata(KEY, upper).ok).toBe(true);
  });

  it('refuses an object without the record marker', () => {
    expect(decodeRecordMetadata(KEY, { 'content-owner': 'x' })).toEqual({ ok: false, reason: 'no record metadata' });
  });

  it('refuses a record whose id names another object', () => {
    expect(decodeRecordMetadata(`files/01HZY3QK8X9V5N2M4P6R7S8T9X`, encodeRecordMetadata(RECORD))).toEqual({
      ok: false,
      reason: 'record id does not match the object key',
    });
  });

  it('refuses a tampered name the app would never store', () => {
    const tampered = { ...encodeRecordMetadata(RECORD), 'ha-name': Buffer.from('../etc/passwd').toString('base64url') };
    expect(decodeRecordMetadata(KEY, tampered)).toEqual({ ok: false, reason: 'record name is not one the app stores' });
  });

  it('refuses an unknown version and extra fields', () => {
    expect(decodeRecordMetadata(KEY, { ...encodeRecordMetadata(RECORD), 'ha-record': '2' }).ok).toBe(false);
    expect(decodeRecordMetadata(KEY, { ...encodeRecordMetadata(RECORD), 'ha-admin': 'yes' }).ok).toBe(false);
  });

  it('refuses a malformed upload time', () => {
    expect(decodeRecordMetadata(KEY, { ...encodeRecordMetadata(RECORD), 'ha-uploaded-at': 'yesterday' })).toMatchObject(
      { ok: false },
    );
  });

  it("refuses to encode a record past S3's 2 KB of metadata", () => {
    expect(() => encodeRecordMetadata({ ...RECORD, ownerId: 'x'.repeat(2000) })).toThrow(/over S3's 2048/);
  });
});
