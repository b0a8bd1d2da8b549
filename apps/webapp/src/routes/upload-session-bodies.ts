import { MAX_PARTS } from '@ha-uploads/files';
import { z } from 'zod';

// Values the domain checks itself, with its own codes (INVALID_SIZE, PART_OUT_OF_RANGE...): any JSON scalar.
const scalar = z.union([z.string().max(4096), z.number(), z.boolean(), z.null()]);
const part = z.object({ partNumber: scalar.optional(), checksum: scalar.optional(), etag: scalar.optional() });

/** POST /api/uploads: the file to be uploaded. */
export const createSessionBody = z.object({ name: scalar.optional(), size: scalar.optional(), contentType: scalar.optional() });

/** POST /api/uploads/:id/sign and /complete: a list of parts (the domain checks count, numbers and checksums). */
export const partsBody = z.object({ parts: z.array(part).max(MAX_PARTS).optional() });
