/** What a contract run against AWS needs, read from the environment. */
export interface ContractAwsSettings {
  readonly region: string;
  /** A scratch bucket the S3 contract may write to and empty. */
  readonly bucket: string;
  /** Prefix of the tables the DynamoDB contracts create and delete, e.g. "contract-". */
  readonly tablePrefix: string;
}

const VARIABLES = { region: 'CONTRACT_AWS_REGION', bucket: 'CONTRACT_BUCKET', tablePrefix: 'CONTRACT_TABLE_PREFIX' } as const;

/** Reads the AWS contract settings; throws one error naming every variable that is missing or empty. */
export function contractAwsSettings(env: Readonly<Record<string, string | undefined>> = process.env): ContractAwsSettings {
  const missing = Object.values(VARIABLES).filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new Error(
      `the AWS contract run needs ${missing.join(', ')} (see docs/storage-contract.md); nothing was run, nothing is skipped`,
    );
  }
  return {
    region: String(env[VARIABLES.region]).trim(),
    bucket: String(env[VARIABLES.bucket]).trim(),
    tablePrefix: String(env[VARIABLES.tablePrefix]).trim(),
  };
}
