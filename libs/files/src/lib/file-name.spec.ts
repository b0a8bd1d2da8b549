import { MAX_FILE_NAME_LENGTH, normalizeContentType, normalizeFileName } from './file-name';

describe('normalizeFileName', () => {
  it('removes path separators so traversal cannot escape', () => {
    expect(normalizeFileName('../../etc/passwd')).toBe('....etcpasswd');
    expect(normalizeFileName('..\\..\\win.ini')).toBe('....win.ini');
  });

  it('removes control characters', () => {
    expect(normalizeFileName('a\u0000b\r\nc\u007f.txt')).toBe('abc.txt');
  });

  it('removes bidi overrides that disguise an extension', () => {
    expect(normalizeFileName('invoice\u202Etxt.exe')).toBe('invoicetxt.exe');
  });

  it('composes to NFC', () => {
    expect(normalizeFileName('cafe\u0301.txt')).toBe('caf\u00e9.txt');
  });

  it('keeps Unicode and right-to-left letters', () => {
    expect(normalizeFileName('تقرير 📄.pdf')).toBe('تقرير 📄.pdf');
  });

  it('caps a 10 kB name and keeps its extension', () => {
    const name = normalizeFileName(`${'a'.repeat(10_240)}.txt`);
    expect(name).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('.txt')).toBe(true);
  });

  it('never splits a surrogate pair when capping', () => {
    const name = normalizeFileName('📄'.repeat(300));
    expect(name.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(name).toBe('📄'.repeat(Math.floor(MAX_FILE_NAME_LENGTH / 2)));
  });

  it.each(['', '   ', '///', '\u0000', '..'])('rejects %j with INVALID_FILE_NAME', (raw) => {
    expect(() => normalizeFileName(raw)).toThrow(
      expect.objectContaining({ kind: 'invalid-input', code: 'INVALID_FILE_NAME' }),
    );
  });
});

describe('normalizeContentType', () => {
  it('keeps the lowercased essence', () => {
    expect(normalizeContentType('Text/HTML; charset=utf-8')).toBe('text/html');
  });

  it.each([undefined, '', 'nonsense', 'text/<script>'])('falls back to octet-stream for %j', (raw) => {
    expect(normalizeContentType(raw)).toBe('application/octet-stream');
  });
});
