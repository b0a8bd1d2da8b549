const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** The owner endpoint's part of the OpenAPI document. */
export const OWNER_PATHS = {
  '/api/owner': {
    post: {
      summary:
        'Become an owner before uploading: a caller without identity gets the owner cookie (and ownerToken once); ' +
        "a caller with one is left as it is. The page calls it before sending several files at once, so all are one owner's.",
      responses: {
        '201': {
          description: 'A new identity: the owner cookie is set',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['ownerToken'],
                properties: {
                  ownerToken: {
                    type: 'string',
                    pattern: '^[A-Za-z0-9_-]{43}$',
                    description: 'The owner secret, returned this once',
                  },
                },
              },
            },
          },
        },
        '204': { description: 'The caller already has an identity; nothing changed' },
        '401': error(
          'UNAUTHENTICATED: sign-in is on and no user is signed in; or INVALID_TOKEN, IDENTITY_INVALID, IDENTITY_EXPIRED',
        ),
        '403': error('CSRF_CROSS_SITE or CSRF_TOKEN_INVALID'),
      },
    },
  },
} as const;
