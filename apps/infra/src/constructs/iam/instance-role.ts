import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { FILE_OBJECT_KEY_PREFIX } from '@ha-uploads/config';
import { Construct } from 'constructs';
import { type PolicyStatement, policyDocument } from '../secure-bucket/policy-document';

/** Lets Session Manager open shells, so no SSH port is needed. */
export const SSM_MANAGED_INSTANCE_CORE = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore';

/**
 * Object actions the webapp performs (HeadObject is GetObject; Create/UploadPart/CompleteMultipartUpload are
 * PutObject).
 */
export const FILE_OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] as const;
/** Multipart actions beyond PutObject: the upload sessions' status (ListParts) and abort, on the file bodies only. */
export const MULTIPART_ACTIONS = ['s3:AbortMultipartUpload', 's3:ListMultipartUploadParts'] as const;
/** Item actions the fleet-wide abuse counters need: an atomic ADD and a read. */
export const LIMITS_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:UpdateItem'] as const;
/**
 * Item actions the webapp's catalog and sweeper perform (DescribeTable is only for local backends, which infra never
 * runs).
 */
export const TABLE_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
] as const;

/** Props for {@link InstanceRole}. */
export interface InstanceRoleProps {
  /** Environment name; prefixes the role name. */
  readonly environment: string;
  /** The files bucket's ARN. */
  readonly filesBucketArn: string;
  /** The files table's ARN. */
  readonly filesTableArn: string;
  /**
   * ARNs of the table's indexes the webapp queries.
   * @default - none
   */
  readonly filesTableIndexArns?: readonly string[];
  /**
   * ARN pattern of the webapp bundle objects, which user data downloads. Every build, not just the current one:
   * an instance launched from the previous launch template version during an apply fetches the previous bundle.
   */
  readonly bundlesArn: string;
  /**
   * The limits table's ARN.
   * @default - no access to a limits table
   */
  readonly limitsTableArn?: string;
}

/** The web instances' role and instance profile, with least-privilege access to the files bucket and table. */
export class InstanceRole extends Construct {
  public readonly role: IamRole;
  public readonly policy: IamRolePolicy;
  public readonly instanceProfile: IamInstanceProfile;

  constructor(scope: Construct, id: string, props: InstanceRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      namePrefix: `${props.environment}-web-`,
      description: 'Web instances: files bucket and table, SSM sessions',
      assumeRolePolicy: policyDocument([
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]),
    });
    const statements: PolicyStatement[] = [
      { Sid: 'FileObjects', Effect: 'Allow', Action: [...FILE_OBJECT_ACTIONS], Resource: `${props.filesBucketArn}/*` },
      // The sweeper lists the bucket to find bodies without a record; HeadBucket (readiness) needs it too.
      { Sid: 'FileBucketList', Effect: 'Allow', Action: 's3:ListBucket', Resource: props.filesBucketArn },
      {
        Sid: 'FilesTable',
        Effect: 'Allow',
        Action: [...TABLE_ITEM_ACTIONS],
        Resource: [props.filesTableArn, ...(props.filesTableIndexArns ?? [])],
      },
      { Sid: 'WebappBundle', Effect: 'Allow', Action: 's3:GetObject', Resource: props.bundlesArn },
      {
        Sid: 'FileMultipartUploads',
        Effect: 'Allow',
        Action: [...MULTIPART_ACTIONS],
        Resource: `${props.filesBucketArn}/${FILE_OBJECT_KEY_PREFIX}*`,
      },
      ...(props.limitsTableArn
        ? [
            {
              Sid: 'LimitsTable',
              Effect: 'Allow' as const,
              Action: [...LIMITS_TABLE_ACTIONS],
              Resource: props.limitsTableArn,
            },
          ]
        : []),
    ];
    this.policy = new IamRolePolicy(this, 'access', {
      namePrefix: 'files-access-',
      role: this.role.id,
      policy: policyDocument(statements),
    });
    new IamRolePolicyAttachment(this, 'ssm', { role: this.role.name, policyArn: SSM_MANAGED_INSTANCE_CORE });
    this.instanceProfile = new IamInstanceProfile(this, 'profile', {
      namePrefix: `${props.environment}-web-`,
      role: this.role.name,
    });
  }
}
