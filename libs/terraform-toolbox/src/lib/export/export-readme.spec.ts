import { exportReadme } from './export-readme';

describe('exportReadme', () => {
  it('says how to take over the cdktf state of a local backend', () => {
    // GIVEN
    const options = {
      stackName: 'ha-uploads-dev',
      environment: 'dev',
      files: ['terraform.tf'],
      backend: 'local',
      localStateFile: 'terraform.ha-uploads-dev.tfstate',
    };
    // WHEN
    const readme = exportReadme(options);
    // THEN
    expect(readme).toContain(
      'The state is a local file, `terraform.ha-uploads-dev.tfstate`, in the folder terraform runs from (this one). To take over an environment\n' +
        'that `nx run infra:deploy` manages, copy that file from the root of the workspace that deployed it into this folder\n' +
        'before `terraform init`',
    );
  });

  it('keeps the shared state of an s3 backend', () => {
    const readme = exportReadme({
      stackName: 'ha-uploads-prod',
      environment: 'prod',
      files: ['terraform.tf'],
      backend: 's3',
    });
    expect(readme).toContain(
      "The `terraform` block keeps the stack's `s3` backend, so these files read and write the same state as",
    );
  });
});
