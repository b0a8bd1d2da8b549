import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import multer, { type StorageEngine } from '@koa/multer';
import type { Context } from 'koa';
import { FileError, FileTooLargeError, type FileRecord, type FileService } from '@ha-uploads/files';
import type { AppMetrics } from '../metrics/app-metrics';
import { AppError, BadRequestError } from './errors';

/** Limits for one multipart request. */
export interface MultipartLimits {
  readonly maxUploadBytes: number;
  readonly maxFilesPerRequest: number;
}

/** What the caller needs per request: who receives it, and a check to run before the first file is stored. */
export interface MultipartUploadOptions extends MultipartLimits {
  readonly files: FileService;
  readonly uploadedBy: string;
  /** The owner every stored file is recorded under. */
  readonly ownerId: string;
  /** Runs with the fields parsed so far before each file is stored (the form's CSRF field comes first). */
  readonly beforeFile?: (fields: Readonly<Record<string, unknown>>) => void;
  /** Counts stored files, their bytes and duration, and uploads in flight. @default - not counted */
  readonly metrics?: AppMetrics;
}

type MulterFile = Express.Multer.File & { record?: FileRecord };

// Errors that came out of FileService (not from parsing) keep their own mapping, e.g. 503 or 500.
const serviceErrors = new WeakSet<object>();

/** A multer StorageEngine that streams each file part straight into FileService.upload: no memory or disk copy. */
class FileServiceStorage implements StorageEngine {
  /** The client's name of the file that passed the size limit, for the error that names it. */
  overLimitFile?: string;

  constructor(private readonly options: MultipartUploadOptions) {}

  _handleFile(
    req: IncomingMessage,
    file: MulterFile,
    callback: (error?: unknown, info?: Partial<MulterFile>) => void,
  ): void {
    const stream = file.stream as Readable;
    const aborter = new AbortController();
    // busboy stops the stream at the limit without an error; abort so nothing partial is kept.
    stream.once('limit', () => {
      this.overLimitFile = file.originalname;
      aborter.abort(new FileTooLargeError(this.options.maxUploadBytes, file.originalname));
    });
    stream.once('error', (err) => aborter.abort(err));
    const startedAt = performance.now();
    const ended = this.options.metrics?.uploadStarted();
    const upload = async () => {
      this.options.beforeFile?.((req as IncomingMessage & { body?: Record<string, unknown> }).body ?? {});
      return this.options.files.upload(
        stream,
        { name: file.originalname, contentType: file.mimetype, ownerId: this.options.ownerId },
        this.options.uploadedBy,
        aborter.signal,
      );
    };
    upload().then(
      (record) => {
        ended?.();
        this.options.metrics?.uploadStored(record.size, performance.now() - startedAt);
        callback(null, { record, size: record.size });
      },
      (failure: unknown) => {
        ended?.();
        // Drain the rest of this part so the parser can finish and the client gets its answer.
        stream.resume();
        // Whichever layer found it too large, the client is told which of its files it was.
        const err =
          failure instanceof FileTooLargeError ? new FileTooLargeError(failure.limitBytes, file.originalname) : failure;
        if (typeof err === 'object' && err !== null) serviceErrors.add(err);
        callback(err);
      },
    );
  }

  _removeFile(_req: IncomingMessage, file: MulterFile, callback: (error: Error | null) => void): void {
    // Another part of the same request failed: remove this already-stored file so the request stores nothing.
    if (!file.record) return callback(null);
    this.options.files.discard(file.record.id).then(
      () => callback(null),
      (err: Error) => callback(err),
    );
  }
}

/**
 * Parses a multipart/form-data request, streaming every part of field `file` into FileService.
 * Returns the stored records (at least one) and the text fields. All-or-nothing: on an error the files already
 * stored are deleted again, except when DynamoDB itself is down, where they stay whole and listed (never half-stored).
 */
export async function receiveUploads(
  ctx: Context,
  options: MultipartUploadOptions,
): Promise<{ records: FileRecord[]; fields: Record<string, unknown> }> {
  if (!ctx.is('multipart/form-data')) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send files as multipart/form-data in the field "file".');
  }
  const storage = new FileServiceStorage(options);
  const middleware = multer({
    storage,
    defParamCharset: 'utf8',
    limits: {
      fileSize: options.maxUploadBytes,
      files: options.maxFilesPerRequest,
      fields: 20,
      parts: options.maxFilesPerRequest + 20,
      fieldNameSize: 100,
      fieldSize: 64 * 1024,
      headerPairs: 100,
    },
    fileFilter: (_req, file, accept) =>
      file.fieldname === 'file'
        ? accept(null, true)
        : accept(new BadRequestError('UNEXPECTED_FIELD', 'Files must be sent in the field named "file".')),
  }).any();
  try {
    await middleware(ctx, async () => undefined);
  } catch (err) {
    // Multer reports the size limit without the file's name; the storage saw which file it was.
    const overLimit =
      err instanceof Error && (err as { code?: string }).code === 'LIMIT_FILE_SIZE' ? storage.overLimitFile : undefined;
    throw overLimit === undefined ? toParseError(err) : new FileTooLargeError(options.maxUploadBytes, overLimit);
  }
  const files = ((ctx as Context & { files?: MulterFile[] }).files ?? []) as MulterFile[];
  const fields = ((ctx.request as { body?: Record<string, unknown> }).body ?? {}) as Record<string, unknown>;
  const records = files.flatMap((f) => (f.record ? [f.record] : []));
  return { records, fields };
}

// busboy reports malformed bodies as plain Errors; anything not from the service or multer is the body's fault.
function toParseError(err: unknown): unknown {
  if (
    err instanceof AppError ||
    err instanceof FileError ||
    (typeof err === 'object' && err !== null && serviceErrors.has(err))
  )
    return err;
  if (err instanceof Error && err.name === 'MulterError') return err;
  return new BadRequestError(
    'MALFORMED_MULTIPART',
    'The multipart body is malformed; send multipart/form-data with a boundary.',
  );
}

/** The error a request with no file part gets. */
export function noFileError(): BadRequestError {
  return new BadRequestError('NO_FILE', 'Choose at least one file; send it in the multipart field "file".');
}
