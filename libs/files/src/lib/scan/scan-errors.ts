import { ConflictError, FileError } from '../errors';

/** Someone other than the owner asked for a file still being scanned; retry after `retryAfterSeconds`. */
export class ScanPendingError extends ConflictError {
  constructor(readonly retryAfterSeconds: number) {
    super('This file is still being scanned for malware; try again shortly.', 'SCAN_PENDING');
  }
}

/**
 * The file's body is held back by its scan (infected, or unscannable where the rule blocks it); nobody downloads it.
 */
export class QuarantinedError extends FileError {
  readonly kind = 'forbidden';

  constructor(scan: 'infected' | 'unscannable') {
    super(
      scan === 'infected' ? 'FILE_INFECTED' : 'FILE_UNSCANNABLE',
      scan === 'infected'
        ? 'The malware scan found a threat in this file, so it cannot be downloaded; an admin can purge it.'
        : 'This file could not be scanned for malware, so it cannot be downloaded here.',
    );
  }
}
