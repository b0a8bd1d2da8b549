import { BackendUnavailableError, ConflictError } from '@ha-uploads/files';
import { isUnavailable, toBackendError } from './backend-errors';

describe('isUnavailable', () => {
  it('is true for a refused connection', () => {
    expect(isUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
  });

  it('is true for a socket error the SDK wrapped into a message', () => {
    expect(isUnavailable(new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:1'))).toBe(true);
  });

  it('is true for a refused dual-stack connect (AggregateError)', () => {
    expect(isUnavailable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe(true);
  });

  it('is true for a 5xx answer', () => {
    expect(
      isUnavailable(Object.assign(new Error('boom'), { name: 'Whatever', $metadata: { httpStatusCode: 503 } })),
    ).toBe(true);
  });

  it('is true for throttling', () => {
    expect(
      isUnavailable(
        Object.assign(new Error('slow down'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }),
      ),
    ).toBe(true);
  });

  it('is false for a request the backend rejected', () => {
    expect(
      isUnavailable(
        Object.assign(new Error('bad'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }),
      ),
    ).toBe(false);
  });
});

describe('toBackendError', () => {
  it('turns unavailability into BackendUnavailableError naming the backend', () => {
    const mapped = toBackendError(Object.assign(new Error('x'), { code: 'ECONNRESET' }), 'DynamoDB');
    expect(mapped).toBeInstanceOf(BackendUnavailableError);
    expect(mapped).toMatchObject({ kind: 'unavailable', code: 'CATALOG_UNAVAILABLE' });
  });

  it('returns our own typed errors unchanged', () => {
    const conflict = new ConflictError('taken');
    expect(toBackendError(conflict, 'S3')).toBe(conflict);
  });
});
