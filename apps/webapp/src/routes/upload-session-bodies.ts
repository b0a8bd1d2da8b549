import { MAX_PARTS, MAX_PARTS_PER_CALL, type NewSession, type PartChoice, type PartToJoin } from '@ha-uploads/files';
import { z } from 'zod';
import { completePartsShape, createSessionShape, partToSignShape } from '@ha-uploads/direct-upload/shapes';

/** POST /api/uploads, typed as the service takes it. */
export const createSessionBody = createSessionShape satisfies z.ZodType<Omit<NewSession, 'ownerId'>, unknown>;

/** POST /api/uploads/:id/sign: 1 to MAX_PARTS_PER_CALL parts. */
export const signBody = z.object({
  parts: z.array(partToSignShape).min(1).max(MAX_PARTS_PER_CALL),
}) satisfies z.ZodType<{ parts: PartChoice[] }, unknown>;

/** POST /api/uploads/:id/complete; at most MAX_PARTS parts are read at all. */
export const completeBody = completePartsShape.extend({
  parts: completePartsShape.shape.parts.max(MAX_PARTS),
}) satisfies z.ZodType<{ parts: PartToJoin[] }, unknown>;

/** A body schema as a JSON Schema for the OpenAPI document (3.1 uses JSON Schema 2020-12 itself). */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input', override: dropSafeIntegerBounds });
  return jsonSchema;
}

// zod bounds every integer to the safe range; the document states only the bounds the API itself sets.
function dropSafeIntegerBounds({ jsonSchema }: { jsonSchema: { minimum?: number; maximum?: number } }): void {
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
}

/** The domain's code for a body field of the wrong JSON type, so a client sees the same code either way. */
export function sessionBodyCode(field: string): string {
  if (field === 'size') return 'INVALID_SIZE';
  if (field === 'name') return 'INVALID_FILE_NAME';
  if (/^parts\.\d+\.partNumber$/.test(field)) return 'PART_OUT_OF_RANGE';
  if (/^parts\.\d+\.checksum$/.test(field)) return 'INVALID_CHECKSUM';
  if (/^parts\.\d+\.etag$/.test(field)) return 'INVALID_ETAG';
  return field === 'parts' || field.startsWith('parts.') ? 'INVALID_PARTS' : 'INVALID_BODY';
}
