import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { DeploymentConfig } from '@ha-uploads/config';
import { type StsFailureKind, classifyStsFailure } from './sts-failure';

/** Why the preflight stopped a command. */
export type PreflightErrorCode = 'NO_CREDENTIALS' | 'REGION_MISMATCH' | StsFailureKind | 'PREFLIGHT_TIMEOUT';

/** Thrown when the account cannot be checked; the message says what to set. */
export class PreflightError extends Error {
  constructor(
    readonly code: PreflightErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PreflightError';
  }
}

/** Who a command would act as. */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly region: string;
}

/** Options of {@link preflight}. */
export interface PreflightOptions {
  readonly config: DeploymentConfig;
  /** The environment file, named in messages. */
  readonly environmentFile: string;
  /**
   * Budget for the whole check: credentials, region, STS.
   * @default 5000
   */
  readonly timeoutMs?: number;
  /** STS endpoint. @default - the region's */
  readonly stsEndpoint?: string;
  /**
   * Whether AWS_REGION set the SDK's region (named in a region mismatch), rather than the profile.
   * @default false
   */
  readonly regionFromEnvironment?: boolean;
}

const SET_CREDENTIALS =
  'set AWS_PROFILE (after `aws sso login` or `aws configure`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';

type Credentials = Awaited<ReturnType<ReturnType<typeof fromNodeProviderChain>>>;

async function resolveCredentials(): Promise<Credentials> {
  try {
    // The metadata services answer within a second on EC2/ECS, and not at all elsewhere: do not wait longer.
    return await fromNodeProviderChain({ timeout: 1000, maxRetries: 0 })();
  } catch (err) {
    throw new PreflightError(
      'NO_CREDENTIALS',
      `no AWS credentials found (${(err as Error).message.split('\n')[0]}); ${SET_CREDENTIALS}`,
    );
  }
}

/** The region the SDK resolves from AWS_REGION or the profile, when any. */
async function sdkRegion(): Promise<string | undefined> {
  const probe = new STSClient({});
  try {
    return await probe.config.region();
  } catch {
    return undefined; // none configured: the stack's own region applies
  } finally {
    probe.destroy();
  }
}

async function check(options: PreflightOptions): Promise<CallerIdentity> {
  const { region } = options.config;
  const configured = await sdkRegion();
  if (configured && configured !== region) {
    const source = options.regionFromEnvironment ? 'AWS_REGION' : "the AWS profile's region";
    throw new PreflightError(
      'REGION_MISMATCH',
      `region mismatch: ${source} is ${JSON.stringify(configured)} but ${options.environmentFile} deploys to ${JSON.stringify(region)}; set AWS_REGION=${region} or choose the environment of that region`,
    );
  }
  const credentials = await resolveCredentials();
  const sts = new STSClient({
    region,
    credentials,
    endpoint: options.stsEndpoint,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 2000, requestTimeout: 3000 },
  });
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return { account: identity.Account ?? '?', arn: identity.Arn ?? '?', region };
  } catch (err) {
    const endpoint = options.stsEndpoint ?? `https://sts.${region}.amazonaws.com`;
    const failure = classifyStsFailure(err, endpoint, SET_CREDENTIALS);
    throw new PreflightError(failure.kind, failure.message);
  } finally {
    sts.destroy();
  }
}

/** Resolves credentials through the SDK's default chain and asks STS who they belong to, within `timeoutMs`. */
export async function preflight(options: PreflightOptions): Promise<CallerIdentity> {
  const timeoutMs = options.timeoutMs ?? 5000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PreflightError(
            'PREFLIGHT_TIMEOUT',
            `could not check the AWS account within ${timeoutMs / 1000} s (no answer from the credential sources or STS); ${SET_CREDENTIALS}, and check the network`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([check(options), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
