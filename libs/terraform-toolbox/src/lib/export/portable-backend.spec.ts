import { localStateFileName, withPortableBackend } from './portable-backend';

describe('withPortableBackend', () => {
  it("cuts a local backend's absolute path to the state file's name", () => {
    // GIVEN the backend cdktf writes by default
    const config = {
      terraform: { backend: { local: { path: '/home/alice/ha-uploads/terraform.ha-uploads-dev.tfstate' } } },
    };
    // WHEN
    const portable = withPortableBackend(config);
    // THEN
    expect(portable).toEqual({ terraform: { backend: { local: { path: 'terraform.ha-uploads-dev.tfstate' } } } });
    expect(localStateFileName(portable)).toBe('terraform.ha-uploads-dev.tfstate');
  });

  it('keeps an s3 backend as it is', () => {
    const config = { terraform: { backend: { s3: { bucket: 'acme-state', key: 'ha-uploads/dev.tfstate' } } } };
    expect(withPortableBackend(config)).toBe(config);
    expect(localStateFileName(config)).toBeUndefined();
  });
});
