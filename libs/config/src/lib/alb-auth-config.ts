import { z } from 'zod';

/** An https URL whose characters need no quoting in a systemd unit (no spaces, quotes, `$` or backslashes). */
const httpsUrl = z
  .url({ protocol: /^https$/, message: 'must be an https URL' })
  .regex(/^[A-Za-z0-9_./:@?&=+,~%-]+$/, 'must contain no spaces, quotes, $ or backslashes');

const claimName = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be a claim name such as cognito:groups or groups');
const groupName = z
  .string()
  .regex(/^[A-Za-z0-9_.@-]{1,128}$/, 'must be a group name such as admins (letters, digits, _ . @ -)');

/** Seconds the ALB's sign-in session lasts before it asks the IdP again: 12 hours, within the ALB's 1 s to 7 days. */
export const ALB_SESSION_TIMEOUT_SECONDS = { min: 1, max: 604_800, default: 43_200 } as const;

const sessionTimeoutSeconds = z
  .number()
  .int()
  .min(ALB_SESSION_TIMEOUT_SECONDS.min, 'must be between 1 and 604800 seconds')
  .max(ALB_SESSION_TIMEOUT_SECONDS.max, 'must be between 1 and 604800 seconds')
  .default(ALB_SESSION_TIMEOUT_SECONDS.default);

/** Sign-in through a Cognito user pool that infra creates, with its hosted UI. */
export const cognitoAuthSchema = z
  .object({
    provider: z.literal('cognito'),
    /**
     * Prefix of the hosted-UI domain (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region.
     * Unset: `ha-uploads-<environment>-<random>`.
     */
    domainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'must be 1-63 lowercase letters, digits or inner hyphens')
      .refine((v) => !/aws|amazon|cognito/.test(v), 'must not contain aws, amazon or cognito, which Cognito reserves')
      .optional(),
    /** Group whose members are admins; infra creates it. */
    adminGroup: groupName.default('admins'),
    /** Let visitors create their own accounts on the hosted UI; off, an operator creates every user. */
    selfSignUp: z.boolean().default(false),
    sessionTimeoutSeconds,
  })
  .strict();

/** Where the ALB reads a generic OIDC client's secret at plan time. */
const clientSecretSchema = z.union(
  [
    z
      .object({
        secretsManagerArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'must be a Secrets Manager secret ARN'),
      })
      .strict(),
    z
      .object({
        ssmParameter: z
          .string()
          .regex(
            /^\/[A-Za-z0-9_.\-/]{1,1010}$/,
            'must be an SSM parameter name such as /ha-uploads/oidc-client-secret',
          ),
      })
      .strict(),
  ],
  { message: 'must be { "secretsManagerArn": "arn:aws:secretsmanager:..." } or { "ssmParameter": "/name" }' },
);

/** Sign-in through any OpenID Connect provider (Entra ID, Okta, Google, Keycloak...). */
export const oidcAuthSchema = z
  .object({
    provider: z.literal('oidc'),
    /** The IdP's `iss`, which the webapp expects in the ALB's token. */
    issuer: httpsUrl,
    authorizationEndpoint: httpsUrl,
    tokenEndpoint: httpsUrl,
    userInfoEndpoint: httpsUrl,
    clientId: z.string().regex(/^[A-Za-z0-9_.:@/-]{1,255}$/, 'must be the client id the IdP issued'),
    /** The client secret stays out of the repository: infra reads it from Secrets Manager or SSM when it plans. */
    clientSecret: clientSecretSchema,
    scope: z
      .string()
      .regex(/^openid( [A-Za-z0-9_.:/-]+)*$/, 'must be space-separated scopes starting with openid')
      .default('openid email profile'),
    /** Claim of the user-info response that lists the user's groups. */
    adminClaim: claimName.default('groups'),
    adminGroup: groupName.default('admins'),
    /** The IdP's logout (end-session) URL; unset, signing out ends only the ALB session. */
    signOutUrl: httpsUrl.optional(),
    sessionTimeoutSeconds,
  })
  .strict();

/** The optional `auth` of a deployment: the ALB signs users in before it forwards a request. */
export const albAuthSchema = z.discriminatedUnion('provider', [cognitoAuthSchema, oidcAuthSchema], {
  message: 'provider must be "cognito" or "oidc"',
});

/** The validated `auth` setting. */
export type AlbAuthConfig = z.infer<typeof albAuthSchema>;
