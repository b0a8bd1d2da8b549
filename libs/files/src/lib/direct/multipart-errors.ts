import { ConflictError, InvalidInputError, NotFoundError } from '../errors';

/** The errors every MultipartStore rejects with, so that the fake and the S3 adapter say the same thing. */
export const multipartErrors = {
  /** S3 no longer holds the upload: it was completed or aborted (S3's NoSuchUpload). */
  noSuchUpload: (): NotFoundError =>
    new NotFoundError(
      'S3 no longer holds this upload: it was completed or aborted; start the upload again.',
      'NO_SUCH_UPLOAD',
    ),
  /** The parts named are not the parts S3 holds (InvalidPart, InvalidPartOrder, EntityTooSmall, a wrong checksum). */
  partsMismatch: (): InvalidInputError =>
    new InvalidInputError(
      'PARTS_MISMATCH',
      'the parts are not what S3 holds; ask for the status and send the parts it lacks',
    ),
  /** Complete found the key taken and kept it (If-None-Match: *). */
  objectExists: (): ConflictError =>
    new ConflictError('An object already exists under this key; it was not overwritten.', 'OBJECT_EXISTS'),
  /** HeadObject found no object under the key. */
  noSuchObject: (): NotFoundError => new NotFoundError('No object under this key.', 'NO_SUCH_OBJECT'),
};
