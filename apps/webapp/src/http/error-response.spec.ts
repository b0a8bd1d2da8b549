import {
  BackendUnavailableError,
  ConflictError,
  FileTooLargeError,
  InvalidInputError,
  NotFoundError,
  type FileError,
} from '@ha-uploads/files';
import { toErrorResponse } from './error-response';

describe('toErrorResponse for the domain errors', () => {
  it.each<[string, FileError, number, string]>([
    ['invalid input', new InvalidInputError('INVALID_FILE_ID', 'A file id is a ULID.'), 400, 'INVALID_FILE_ID'],
    ['a missing file', new NotFoundError(), 404, 'FILE_NOT_FOUND'],
    ['a conflict', new ConflictError('A file with id x already exists.', 'FILE_EXISTS'), 409, 'FILE_EXISTS'],
    ['a body over the limit', new FileTooLargeError(1024), 413, 'FILE_TOO_LARGE'],
    ['a backend that did not answer', new BackendUnavailableError('DynamoDB'), 503, 'CATALOG_UNAVAILABLE'],
  ])('maps %s to its status, keeping its code and message', (_label, error, status, code) => {
    // GIVEN a domain error / WHEN it reaches the HTTP edge
    const response = toErrorResponse(error);
    // THEN
    expect(response).toMatchObject({ status, code, message: error.message });
  });

  it('tells the client when to retry a backend that did not answer', () => {
    expect(toErrorResponse(new BackendUnavailableError('S3')).headers).toEqual({ 'Retry-After': '5' });
  });
});
