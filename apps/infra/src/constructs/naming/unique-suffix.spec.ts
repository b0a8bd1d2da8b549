import { Testing } from 'cdktf';
import { UniqueSuffix, shortNamePrefix } from './unique-suffix';

describe('UniqueSuffix', () => {
  it('keeps the first generated value by ignoring later changes of its input', () => {
    // GIVEN / WHEN
    const synthesized = Testing.synthScope((scope) => {
      new UniqueSuffix(scope, 'suffix');
    });
    // THEN
    expect(synthesized).toHaveResourceWithProperties(
      { tfResourceType: 'terraform_data' },
      {
        input: { uuid: '${uuid()}' },
        lifecycle: { ignore_changes: ['input'] },
      },
    );
  });

  it('rejects a length outside 4..32 and shows it', () => {
    expect(() => Testing.synthScope((scope) => new UniqueSuffix(scope, 'suffix', { length: 2 }))).toThrow(
      'unique suffix length must be between 4 and 32, got 2',
    );
  });
});

describe('shortNamePrefix', () => {
  it('fits the 6-character cap of ALB name prefixes', () => {
    expect(shortNamePrefix('production-eu')).toBe('produ-');
  });

  it('drops hyphens from the environment', () => {
    expect(shortNamePrefix('a-b')).toBe('ab-');
  });
});
