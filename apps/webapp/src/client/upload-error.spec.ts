import { humanSize } from '../shared/format';
import { oversizeFailure, parseErrorBody, uploadFailure } from './upload-error';

describe('uploadFailure', () => {
  it('uses the code and message of an API error body', () => {
    const body = JSON.stringify({
      error: { code: 'FILE_TOO_LARGE', message: 'A file is larger than the limit of 1024 bytes.' },
    });
    expect(uploadFailure(413, body)).toEqual({
      code: 'FILE_TOO_LARGE',
      message: 'A file is larger than the limit of 1024 bytes.',
    });
  });

  it('explains a broken connection (status 0)', () => {
    expect(uploadFailure(0, '')).toEqual({
      code: 'NETWORK_ERROR',
      message: expect.stringContaining('connection was lost'),
    });
  });

  it('explains a 413 without a JSON body (from a proxy)', () => {
    expect(uploadFailure(413, '<html>Request Entity Too Large</html>').code).toBe('FILE_TOO_LARGE');
  });

  it('shows the server’s RATE_LIMITED message for a refused upload', () => {
    const body = JSON.stringify({
      error: {
        code: 'RATE_LIMITED',
        message: 'Too many uploads in a short time; nothing was stored. Try again in 10 s.',
      },
    });
    expect(uploadFailure(429, body)).toEqual({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('Try again in 10 s'),
    });
  });

  it('explains a 429 without a JSON body (from the WAF or a proxy)', () => {
    expect(uploadFailure(429, '').code).toBe('RATE_LIMITED');
  });

  it('says the service is unavailable for a 503 without a body', () => {
    expect(uploadFailure(503, '').message).toMatch(/unavailable/);
  });

  it('names the status of any other failure', () => {
    expect(uploadFailure(500, 'oops')).toEqual({
      code: 'HTTP_500',
      message: 'The upload failed (HTTP 500); try again.',
    });
  });
});

describe('parseErrorBody', () => {
  it('ignores JSON without an error object', () => {
    expect(parseErrorBody('{"files":[]}')).toBeUndefined();
  });

  it('ignores a null body', () => {
    expect(parseErrorBody('null')).toBeUndefined();
  });

  it('ignores an error without a message', () => {
    expect(parseErrorBody('{"error":{"code":"X","message":""}}')).toBeUndefined();
  });
});

describe('oversizeFailure', () => {
  it('accepts a file at the limit', () => {
    expect(oversizeFailure({ size: 1024 }, 1024, humanSize)).toBeUndefined();
  });

  it('refuses a file over the limit, naming both sizes', () => {
    expect(oversizeFailure({ size: 3 * 1024 * 1024 }, 1024 * 1024, humanSize)).toEqual({
      code: 'FILE_TOO_LARGE',
      message: 'This file is 3.0 MiB; the limit is 1.0 MiB per file.',
    });
  });

  it('checks nothing when the page gave no limit', () => {
    expect(oversizeFailure({ size: 10 }, Number.NaN, humanSize)).toBeUndefined();
  });
});
