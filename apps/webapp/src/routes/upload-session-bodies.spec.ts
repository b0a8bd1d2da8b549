import { createSessionBody, completeBody, sessionBodyCode, signBody } from './upload-session-bodies';

/** The code a client gets for `input`, as readJsonBody derives it from the first issue's field. */
function codeOf(
  schema: typeof createSessionBody | typeof signBody | typeof completeBody,
  input: unknown,
): string | undefined {
  const result = schema.safeParse(input);
  return result.success ? undefined : sessionBodyCode(result.error.issues[0].path.map(String).join('.'));
}

describe('the upload-session bodies', () => {
  it.each([
    ['a string', '10'],
    ['null', null],
    ['missing', undefined],
  ])('refuses a declared size that is %s with INVALID_SIZE', (_what, size) => {
    expect(codeOf(createSessionBody, { name: 'a.txt', size })).toBe('INVALID_SIZE');
  });

  it('refuses a name that is not a string with INVALID_FILE_NAME', () => {
    expect(codeOf(createSessionBody, { name: 7, size: 1 })).toBe('INVALID_FILE_NAME');
  });

  it('ignores a content type that is not a string, so the extension decides', () => {
    expect(createSessionBody.parse({ name: 'a.txt', size: 1, contentType: 7 })).toEqual({ name: 'a.txt', size: 1 });
  });

  it('refuses signing without a list of parts with INVALID_PARTS', () => {
    expect(codeOf(signBody, { parts: { partNumber: 1 } })).toBe('INVALID_PARTS');
  });

  it('refuses a part number that is not a number with PART_OUT_OF_RANGE', () => {
    expect(codeOf(signBody, { parts: [{ partNumber: '1', checksum: 'x' }] })).toBe('PART_OUT_OF_RANGE');
  });

  it('refuses a part without its checksum with INVALID_CHECKSUM', () => {
    expect(codeOf(completeBody, { parts: [{ partNumber: 1, etag: '"e"' }] })).toBe('INVALID_CHECKSUM');
  });

  it('refuses a part whose etag is not a string with INVALID_ETAG', () => {
    expect(codeOf(completeBody, { parts: [{ partNumber: 1, checksum: 'x', etag: 5 }] })).toBe('INVALID_ETAG');
  });
});
