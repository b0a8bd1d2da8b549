import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LOG_RETENTION_DAYS } from '@ha-uploads/config';
import { Construct } from 'constructs';
import { policyDocument } from '../secure-bucket/policy-document';

/** What the CloudWatch agent calls to write into an existing group; it never creates groups. */
export const LOG_WRITE_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'] as const;

/** Props for {@link AppLogging}. */
export interface AppLoggingProps {
  /** Environment name; part of the log group name. */
  readonly environment: string;
  /** The instance role (its id) that gets write access to this group and nothing else. */
  readonly instanceRoleId: string;
  /**
   * Days CloudWatch Logs keeps the events.
   * @default 30
   */
  readonly retentionDays?: number;
}

/** The log group the instances' CloudWatch agent writes the service's output and EMF metrics into. */
export class AppLogging extends Construct {
  /** Literal name, known at synth time, so user data can carry it without a dependency on the group. */
  public readonly logGroupName: string;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly writePolicy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: AppLoggingProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 30;
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(retentionDays)) {
      throw new RangeError(`log retention must be one of ${LOG_RETENTION_DAYS.join(', ')} days, got ${retentionDays}`);
    }
    this.logGroupName = `/ha-uploads/${props.environment}/app`;
    this.logGroup = new CloudwatchLogGroup(this, 'group', {
      name: this.logGroupName,
      retentionInDays: retentionDays,
      tags: { Name: this.logGroupName },
    });
    this.writePolicy = new IamRolePolicy(this, 'write', {
      namePrefix: 'app-logs-',
      role: props.instanceRoleId,
      policy: policyDocument([
        {
          Sid: 'AppLogGroup',
          Effect: 'Allow',
          Action: [...LOG_WRITE_ACTIONS],
          // The provider strips the ':*' the API adds; IAM checks group-level actions against 'group:*', streams below
          // it.
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
      ]),
    });
  }
}
