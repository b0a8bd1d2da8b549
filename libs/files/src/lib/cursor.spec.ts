import { decodeCursor, decodeTrashCursor, encodeCursor, encodeTrashCursor, parseLimit } from './cursor';

const ID = '01HZY3QK8X9V5N2M4P6R7S8T9W';

describe('decodeCursor', () => {
  it('reads back what encodeCursor wrote', () => {
    expect(decodeCursor(encodeCursor(ID))).toBe(ID);
  });

  it('treats a missing cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['non-JSON base64url', Buffer.from('hello').toString('base64url')],
    [
      'a cursor of the single-partition layout',
      Buffer.from(JSON.stringify({ v: 1, before: ID })).toString('base64url'),
    ],
    ['a malformed id', Buffer.from(JSON.stringify({ v: 2, before: '../x' })).toString('base64url')],
    ['extra keys', Buffer.from(JSON.stringify({ v: 2, before: ID, x: 1 })).toString('base64url')],
    ['a trash cursor', encodeTrashCursor({ deletedAt: '2026-12-07T06:00:00.000Z', id: ID })],
    ['a padded cursor', `${encodeCursor(ID)}=`],
    ['an over-long value', 'A'.repeat(200)],
  ])('rejects %s with INVALID_CURSOR', (_label, raw) => {
    expect(() => decodeCursor(raw)).toThrow(expect.objectContaining({ kind: 'invalid-input', code: 'INVALID_CURSOR' }));
  });
});

describe('decodeTrashCursor', () => {
  const AT = '2026-12-07T06:00:00.000Z';

  it('reads back what encodeTrashCursor wrote', () => {
    expect(decodeTrashCursor(encodeTrashCursor({ deletedAt: AT, id: ID }))).toEqual({ deletedAt: AT, id: ID });
  });

  it.each([
    ['a listing cursor', encodeCursor(ID)],
    [
      'a time that is not ISO',
      Buffer.from(JSON.stringify({ v: 2, deletedAt: 'yesterday', before: ID })).toString('base64url'),
    ],
    [
      'a cursor of the old version',
      Buffer.from(JSON.stringify({ v: 1, deletedAt: AT, before: ID })).toString('base64url'),
    ],
    ['an array', Buffer.from('[2]').toString('base64url')],
  ])('rejects %s with INVALID_CURSOR', (_label, raw) => {
    expect(() => decodeTrashCursor(raw)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
  });
});

describe('parseLimit', () => {
  it('defaults to 50', () => {
    expect(parseLimit(undefined)).toBe(50);
  });

  it('accepts 1 and 1000', () => {
    expect([parseLimit('1'), parseLimit('1000')]).toEqual([1, 1000]);
  });

  it.each(['0', '1001', '-1', '1.5', 'abc', ' 5', '5,6'])('rejects %j with INVALID_LIMIT', (raw) => {
    expect(() => parseLimit(raw)).toThrow(expect.objectContaining({ kind: 'invalid-input', code: 'INVALID_LIMIT' }));
  });
});
