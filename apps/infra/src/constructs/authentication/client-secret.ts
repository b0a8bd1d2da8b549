import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import type { Construct } from 'constructs';

/** Stands in for the client secret in the offline rehearsal, which has no credentials to read it with. */
export const OFFLINE_CLIENT_SECRET = 'offline-plan-placeholder-client-secret';

/** Where a client secret lives: exactly one of the two. */
export interface ClientSecretSource {
  readonly secretArn?: string;
  readonly parameterName?: string;
  /** Offline rehearsal: return the placeholder and read nothing. */
  readonly offline: boolean;
}

/**
 * The client secret as a (sensitive) Terraform value, read when terraform plans. The value lands in the state, as
 * every secret an ALB action holds does: keep the state private.
 */
export function clientSecretValue(scope: Construct, id: string, source: ClientSecretSource): string {
  if ((source.secretArn === undefined) === (source.parameterName === undefined)) {
    throw new Error(
      `client secret needs exactly one of a Secrets Manager ARN or an SSM parameter, got ${JSON.stringify({ secretArn: source.secretArn, parameterName: source.parameterName })}`,
    );
  }
  if (source.offline) return OFFLINE_CLIENT_SECRET;
  if (source.secretArn !== undefined)
    return new DataAwsSecretsmanagerSecretVersion(scope, id, { secretId: source.secretArn }).secretString;
  return new DataAwsSsmParameter(scope, id, { name: source.parameterName as string, withDecryption: true }).value;
}
