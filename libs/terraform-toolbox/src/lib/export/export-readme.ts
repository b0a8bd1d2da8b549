import { DOCUMENTED_DIFFERENCES } from './plan-equivalence';

/** What the README of an exported folder needs to know. */
export interface ExportReadmeOptions {
  readonly stackName: string;
  readonly environment: string;
  readonly files: readonly string[];
  /** Backend type of the stack (`local`, `s3`...), or undefined when it has none. */
  readonly backend?: string;
  /** The `local` backend's state file name, relative to the folder terraform runs in. */
  readonly localStateFile?: string;
}

function localStateTakeover(file: string): string {
  return `The state is a local file, \`${file}\`, in the folder terraform runs from (this one). To take over an environment
that \`nx run infra:deploy\` manages, copy that file from the root of the workspace that deployed it into this folder
before \`terraform init\`; then \`terraform plan\` shows no changes for the same build, and cdktf must no longer deploy
it. Without the file, terraform starts from an empty state and would create a second copy of every resource.`;
}

/** README.md of an exported folder: what it is and how to apply it with plain terraform. */
export function exportReadme(options: ExportReadmeOptions): string {
  const backend = options.localStateFile
    ? localStateTakeover(options.localStateFile)
    : options.backend
      ? `The \`terraform\` block keeps the stack's \`${options.backend}\` backend, so these files read and write the same state as
\`nx run infra:deploy\`: on an environment deployed from the same build, \`terraform plan\` here shows no changes.`
      : 'The stack has no backend block: terraform keeps its state in `terraform.tfstate` in this folder.';
  return `# ${options.stackName}: plain Terraform

The \`${options.environment}\` environment of the upload service, exported by \`nx run infra:export-hcl --env=${options.environment}\` from
the cdktf stack. It is the same configuration as cdktf.out/stacks/${options.stackName}/cdk.tf.json, in native syntax,
and needs no cdktf, Node or npm: only Terraform (1.5 or later; tested with 1.11.4) and AWS credentials.

${backend}

## Apply

\`\`\`sh
terraform init      # installs the AWS provider pinned in terraform.tf
terraform plan
terraform apply
\`\`\`

Run terraform from this folder: the webapp bundle is \`assets/\`, referenced by a path relative to it.

A new launch template version reaches the Auto Scaling group only through an instance refresh, which terraform does
not start: after an apply that changed the template, start the one the \`instanceRefresh\` output describes
(\`aws autoscaling start-instance-refresh\` with its desired configuration and preferences, auto rollback on).

## Files

${options.files.map((file) => `- \`${file}\``).join('\n')}
- \`assets/\`: the zipped webapp bundle, byte for byte the one cdktf synthesized.

Resources sit in one file per construct of the stack; the comment above each one is its cdktf construct path, and
its name is cdktf's logical id, so addresses (and state) match the cdktf deployment.

## How it differs from cdk.tf.json

A test plans both configurations with the real terraform and requires the same resource addresses, actions,
planned values, outputs and expressions. The only differences it allows:

${DOCUMENTED_DIFFERENCES.map((difference) => `- ${difference}.`).join('\n')}

After you leave cdktf, edit these files directly. Exporting again replaces this folder whole.
`;
}
