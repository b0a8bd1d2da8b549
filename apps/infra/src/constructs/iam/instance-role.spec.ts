import { Testing } from 'cdktf';
import { InstanceRole, SSM_MANAGED_INSTANCE_CORE } from './instance-role';
import { synthesizedResources } from '../../testing/synthesized-resources';

const BUCKET = 'arn:aws:s3:::test-files';
const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/test-files';
const INDEX = `${TABLE}/index/limbo-by-updated-at`;
const BUNDLES = 'arn:aws:s3:::test-artifacts/webapp/*';
const LIMITS = 'arn:aws:dynamodb:us-east-1:123456789012:table/test-limits';

function synth({ limitsTableArn }: { limitsTableArn?: string } = { limitsTableArn: LIMITS }): string {
  return Testing.synthScope((scope) => {
    new InstanceRole(scope, 'iam', {
      environment: 'test',
      filesBucketArn: BUCKET,
      filesTableArn: TABLE,
      filesTableIndexArns: [INDEX],
      bundlesArn: BUNDLES,
      limitsTableArn,
    });
  });
}

function statements(options?: {
  limitsTableArn?: string;
}): Array<{ Sid: string; Action: string | string[]; Resource: string | string[] }> {
  const [policy] = synthesizedResources<{ policy: string }>(synth(options), 'aws_iam_role_policy');
  return JSON.parse(policy.policy).Statement;
}

function statement(sid: string) {
  const found = statements().find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
}

describe('InstanceRole', () => {
  it('can be assumed by EC2 only', () => {
    const [role] = synthesizedResources<{ assume_role_policy: string }>(synth(), 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  it('grants only the object actions the webapp uses, on the bucket objects', () => {
    expect(statement('FileObjects')).toEqual({
      Sid: 'FileObjects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: `${BUCKET}/*`,
    });
  });

  it('may list the stored parts of, and abort, multipart uploads of file bodies only', () => {
    expect(statement('FileMultipartUploads')).toEqual({
      Sid: 'FileMultipartUploads',
      Effect: 'Allow',
      Action: ['s3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      Resource: `${BUCKET}/files/*`,
    });
  });

  it('may only read and atomically update the abuse counters in the limits table', () => {
    expect(statement('LimitsTable')).toEqual({
      Sid: 'LimitsTable',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      Resource: LIMITS,
    });
  });

  it('without a limits table, grants nothing on one', () => {
    expect(statements({}).map((s) => s.Sid)).not.toContain('LimitsTable');
  });

  it('lets the sweeper list the bucket itself', () => {
    expect(statement('FileBucketList')).toMatchObject({ Action: 's3:ListBucket', Resource: BUCKET });
  });

  it('grants the item actions on the table and its index, and nothing else', () => {
    expect(statement('FilesTable')).toMatchObject({
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
      Resource: [TABLE, INDEX],
    });
  });

  it('may read the webapp bundles only', () => {
    expect(statement('WebappBundle')).toMatchObject({ Action: 's3:GetObject', Resource: BUNDLES });
  });

  it('never grants a wildcard action or resource', () => {
    for (const s of statements()) {
      expect([s.Action].flat().filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
      expect([s.Resource].flat()).not.toContain('*');
    }
  });

  it('attaches the SSM managed-instance policy for shells without SSH', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_iam_role_policy_attachment' },
      { policy_arn: SSM_MANAGED_INSTANCE_CORE },
    );
  });

  it('has an instance profile', () => {
    expect(synth()).toHaveResourceWithProperties(
      { tfResourceType: 'aws_iam_instance_profile' },
      { name_prefix: 'test-web-' },
    );
  });
});
