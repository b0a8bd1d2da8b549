/** An error answer: the description with the shared Error body. */
export const errorAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** A schema that adds required `properties` to the component `base` (OpenAPI's allOf). */
export const extending = <P extends Record<string, object>>(base: string, properties: P) => ({
  allOf: [{ $ref: `#/components/schemas/${base}` }, { type: 'object', required: Object.keys(properties), properties }],
});

/** An array of objects with these `properties`, none of them required. */
export const arrayOfObjects = <P extends Record<string, object>>(properties: P) => ({
  type: 'array',
  items: { type: 'object', properties },
});

/** The path parameter `id`, a ULID. */
export const ulidIdParam = (description: string) =>
  ({
    name: 'id',
    in: 'path',
    required: true,
    description,
    schema: { type: 'string', pattern: '^[0-7][0-9A-HJKMNP-TV-Z]{25}$' },
  }) as const;
