import { z } from 'zod';
import { ConfigError, describeIssues } from './config-error';
import { envBool, envInt } from './env-fields';
import { operationsFields } from './operations';
import { nodeMajorVersionSchema } from './fleet-runtime';
import { stateBucketSchema, stateKeySchema } from './state-backend';
import { STICKINESS_DURATION_SECONDS } from './stickiness';
import { albAuthSchema } from './alb-auth-config';
import { DIRECT_TRANSFER_DEFAULTS, MAX_OBJECT_BYTES } from './direct-transfer';

const cidr = z
  .string()
  .regex(/^(\d{1,3})(\.\d{1,3}){3}\/(\d|[12]\d|3[0-2])$/, 'must be an IPv4 CIDR such as 203.0.113.0/24')
  .refine(
    (v) =>
      v
        .split('/')[0]
        .split('.')
        .every((octet) => Number(octet) <= 255),
    'must be an IPv4 CIDR with octets 0-255',
  );

const byteSize = (fallback: number, min: number) =>
  z.number().int().min(min).max(MAX_OBJECT_BYTES, "must be at most 5 TiB, S3's largest object").default(fallback);

/**
 * Requests one client IP may make in 5 minutes before the web ACL blocks it: above the webapp's own per-IP upload
 * limit, so its 429 answers first.
 */
export const WAF_RATE_LIMIT_PER_5_MINUTES = { min: 10, max: 2_000_000_000, default: 6_000 } as const;

/** The load balancer's timing when an environment file leaves it out; the local cluster and the bench use it too. */
export const DEPLOYMENT_DEFAULTS = { healthCheckGracePeriodSeconds: 300, deregistrationDelaySeconds: 30 } as const;

const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1');

/** The infra's deployment settings, one JSON file per environment (apps/infra/environments/<env>.json). */
export const deploymentConfigSchema = z
  .object({
    /** Environment name; prefixes every generated resource name. */
    environment: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,19}$/, 'must be 2-20 lowercase letters, digits or hyphens, starting with a letter'),
    region,
    /** Explicit AZ names, so planning needs no AWS lookup. */
    availabilityZones: z
      .array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, 'must be an AZ name such as us-east-1a'))
      .min(2, 'must list at least 2 availability zones')
      .max(6),
    vpcCidr: cidr.default('10.0.0.0/16'),
    /** `per-az` keeps egress up when an AZ fails; `single` saves the cost of the extra NAT gateways. */
    natGateways: z.enum(['per-az', 'single']).default('per-az'),
    instanceType: z
      .string()
      .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'must be an EC2 instance type such as t3.small')
      .default('t3.small'),
    appPort: z.number().int().min(1024).max(65_535).default(3000),
    minSize: z.number().int().min(0).max(100).default(2),
    desiredCapacity: z.number().int().min(0).max(100).default(2),
    maxSize: z.number().int().min(1).max(100).default(4),
    // Boot installs Node and fetches the bundle before the app listens; too short a grace replaces healthy instances.
    healthCheckGracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(7_200)
      .default(DEPLOYMENT_DEFAULTS.healthCheckGracePeriodSeconds),
    targetCpuUtilizationPercent: z.number().min(10).max(95).default(50),
    stickySessions: z.boolean().default(false),
    stickyDurationSeconds: z
      .number()
      .int()
      .min(
        STICKINESS_DURATION_SECONDS.min,
        `stickiness duration must be between ${STICKINESS_DURATION_SECONDS.min} and ${STICKINESS_DURATION_SECONDS.max} seconds`,
      )
      .max(
        STICKINESS_DURATION_SECONDS.max,
        `stickiness duration must be between ${STICKINESS_DURATION_SECONDS.min} and ${STICKINESS_DURATION_SECONDS.max} seconds`,
      )
      .default(STICKINESS_DURATION_SECONDS.default),
    allowedCidrs: z.array(cidr).min(1).default(['0.0.0.0/0']),
    certificateArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, 'must be an ACM certificate ARN')
      .optional(),
    sshKeyName: z.string().min(1).max(255).optional(),
    adminCidr: cidr.optional(),
    deletionProtection: z.boolean().default(false),
    // Instances keep idle connections 5 s longer and wait 6 s longer for headers, all under their 600 s request
    // timeout.
    idleTimeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(
        594,
        "must be at most 594 seconds, so the instances' keep-alive and header timeouts stay under their 600 s request timeout",
      )
      .default(60),
    accessLogs: z.boolean().default(false),
    deregistrationDelaySeconds: z
      .number()
      .int()
      .min(0)
      .max(3_600)
      .default(DEPLOYMENT_DEFAULTS.deregistrationDelaySeconds),
    bucketVersioning: z.boolean().default(true),
    // How long an overwritten or deleted body stays restorable from a noncurrent version: the runbook's window.
    noncurrentVersionRetentionDays: z
      .number()
      .int('must be a whole number of days')
      .min(7, 'must be at least 7 days, so an operator can act on a week-old loss')
      .max(3_650)
      .default(7),
    // The webapp's own schema stops at S3's 5 TiB object limit; a larger value would crash-loop every instance.
    maxUploadBytes: z
      .number()
      .int()
      .min(1)
      .max(5 * 1024 ** 4)
      .default(100 * 1024 * 1024),
    nodeMajorVersion: nodeMajorVersionSchema,
    /** S3 bucket for remote state (created by `infra:bootstrap-state`); unset keeps state in a local file. */
    stateBucket: stateBucketSchema.optional(),
    /** Key of the state object in `stateBucket`; defaults to ha-uploads/<environment>/terraform.tfstate. */
    stateKey: stateKeySchema.optional(),
    tags: z.record(z.string(), z.string()).default({}),
    /**
     * The public DNS name clients use (a CNAME or alias to the ALB); the origin of the page and of the bucket's CORS
     * rule.
     */
    domainName: z
      .string()
      .regex(
        /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'must be a lowercase DNS name such as uploads.example.com',
      )
      .optional(),
    /**
     * Sign-in at the ALB (Cognito or a generic OIDC provider); unset, the webapp gives anonymous clients an owner
     * cookie.
     */
    auth: albAuthSchema.optional(),
    /** An AWS WAF web ACL on the ALB: a per-IP rate limit plus the AWS managed common rule set. */
    waf: z.boolean().default(false),
    wafRateLimitPer5Minutes: z
      .number()
      .int()
      .min(WAF_RATE_LIMIT_PER_5_MINUTES.min)
      .max(WAF_RATE_LIMIT_PER_5_MINUTES.max)
      .default(WAF_RATE_LIMIT_PER_5_MINUTES.default),
    /**
     * GuardDuty Malware Protection for S3 on the files bucket (docs/malware-scan.md); about $0.09/GB plus $0.215 per
     * 1,000 objects.
     */
    malwareScan: z.boolean().default(false),
    /**
     * With `malwareScan`: `block` an unscannable (UNSUPPORTED) file like an infected one, or `allow` it like a clean
     * one.
     */
    scanUnscannable: z.enum(['block', 'allow'], { message: 'must be block or allow' }).default('block'),
    maxDirectUploadBytes: byteSize(DIRECT_TRANSFER_DEFAULTS.maxDirectUploadBytes, 1),
    directUploadMinBytes: byteSize(DIRECT_TRANSFER_DEFAULTS.directUploadMinBytes, 0),
    /** 0 turns the download redirects off. */
    directDownloadMinBytes: byteSize(DIRECT_TRANSFER_DEFAULTS.directDownloadMinBytes, 0),
    ...operationsFields,
  })
  .strict();

/** The validated deployment config the infra constructs are built from. */
export type DeploymentConfig = z.infer<typeof deploymentConfigSchema>;

const overridesSchema = z.object({
  STICKY_SESSIONS: envBool(false).optional(),
  STICKY_DURATION_SECONDS: envInt(0, Number.MAX_SAFE_INTEGER, 0).optional(),
});

/** Applies the environment overrides (STICKY_SESSIONS, STICKY_DURATION_SECONDS) to a raw environment file. */
function applyOverrides(raw: unknown, env: Readonly<Record<string, string | undefined>>): unknown {
  const picked = {
    STICKY_SESSIONS: env.STICKY_SESSIONS || undefined,
    STICKY_DURATION_SECONDS: env.STICKY_DURATION_SECONDS || undefined,
  };
  const parsed = overridesSchema.safeParse(picked);
  if (!parsed.success)
    throw new ConfigError('deployment config overrides', describeIssues(parsed.error.issues, picked));
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const merged: Record<string, unknown> = { ...raw };
  if (picked.STICKY_SESSIONS !== undefined) merged.stickySessions = parsed.data.STICKY_SESSIONS;
  if (picked.STICKY_DURATION_SECONDS !== undefined) merged.stickyDurationSeconds = parsed.data.STICKY_DURATION_SECONDS;
  return merged;
}

/** Validates a deployment config (plus env overrides); throws ConfigError naming each bad field and value. */
export function parseDeploymentConfig(
  raw: unknown,
  env: Readonly<Record<string, string | undefined>> = {},
): DeploymentConfig {
  const merged = applyOverrides(raw, env);
  const parsed = deploymentConfigSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError('deployment config', describeIssues(parsed.error.issues, merged));
  const config = parsed.data;
  const problems: string[] = [];
  if (!(config.minSize <= config.desiredCapacity && config.desiredCapacity <= config.maxSize)) {
    problems.push(
      `desiredCapacity: must satisfy minSize <= desiredCapacity <= maxSize, got ${config.minSize} <= ${config.desiredCapacity} <= ${config.maxSize}`,
    );
  }
  const foreignAz = config.availabilityZones.find((az) => !az.startsWith(config.region));
  if (foreignAz)
    problems.push(`availabilityZones: every zone must be in region ${config.region}, got ${JSON.stringify(foreignAz)}`);
  if (new Set(config.availabilityZones).size !== config.availabilityZones.length) {
    problems.push(`availabilityZones: must not repeat a zone, got ${JSON.stringify(config.availabilityZones)}`);
  }
  if (config.sshKeyName && !config.adminCidr) problems.push('adminCidr: required when sshKeyName is set, got nothing');
  if (config.adminCidr && !config.sshKeyName) problems.push(`sshKeyName: required when adminCidr is set, got nothing`);
  if (config.stateKey && !config.stateBucket) problems.push(`stateBucket: required when stateKey is set, got nothing`);
  if (config.adminCidr === '0.0.0.0/0')
    problems.push('adminCidr: must not open SSH to the whole internet, got "0.0.0.0/0"');
  problems.push(...accessProblems(config));
  if (problems.length > 0) throw new ConfigError('deployment config', problems);
  return config;
}

/** Cross-field rules of sign-in and direct transfers. */
function accessProblems(config: DeploymentConfig): string[] {
  const problems: string[] = [];
  if (config.auth && !config.certificateArn) {
    problems.push(`certificateArn: required when auth is set, since the ALB authenticates only on HTTPS, got nothing`);
  }
  if (config.auth && !config.domainName) {
    problems.push(
      `domainName: required when auth is set, since the IdP redirects to https://<domainName>/oauth2/idpresponse, got nothing`,
    );
  }
  if (config.directUploadMinBytes > config.maxDirectUploadBytes) {
    problems.push(
      `directUploadMinBytes: must not exceed maxDirectUploadBytes (${config.maxDirectUploadBytes}), got ${config.directUploadMinBytes}`,
    );
  }
  return problems;
}
