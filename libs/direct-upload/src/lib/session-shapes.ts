import { z } from 'zod';

// The upload-session request bodies, written once: the server parses with these schemas, the OpenAPI document is
// generated from them and the browser client imports their types (type-only: no zod in the page's bundle).

/** A part's SHA-256 as the client sends it. */
export const partChecksumShape = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/)
  .describe("The part's SHA-256, base64 (as x-amz-checksum-sha256)");

/** POST /api/uploads: the file to be uploaded. */
export const createSessionShape = z.object({
  name: z.string(),
  size: z.int().min(1).describe('At most MAX_DIRECT_UPLOAD_BYTES'),
  // A content type that is not a string is ignored, as the extension then decides.
  contentType: z.string().optional().catch(undefined),
});

/** A part of a sign call; the service checks the number against the session's part count. */
export const partToSignShape = z.object({ partNumber: z.int().min(1), checksum: partChecksumShape });

/** POST /api/uploads/:id/complete: every part, as S3 stored it (the service checks numbers and etags). */
export const completePartsShape = z.object({
  parts: z.array(z.object({ partNumber: z.int(), etag: z.string(), checksum: partChecksumShape })),
});

/** The request body of POST /api/uploads. */
export type CreateSessionRequest = z.input<typeof createSessionShape>;
/** The request body of POST /api/uploads/:id/sign. */
export interface SignPartsRequest {
  readonly parts: readonly z.input<typeof partToSignShape>[];
}
/** The request body of POST /api/uploads/:id/complete. */
export type CompletePartsRequest = z.input<typeof completePartsShape>;
