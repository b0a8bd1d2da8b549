import { selectEnvironment, withoutEnvArgument } from './select-environment';

describe('selectEnvironment', () => {
  it('takes DEPLOY_ENV when no --env is given', () => {
    expect(selectEnvironment([], 'prod')).toBe('prod');
  });

  it('lets --env=<name> win over DEPLOY_ENV', () => {
    expect(selectEnvironment(['--env=prod'], 'dev')).toBe('prod');
    expect(selectEnvironment(['--env', 'prod'], 'dev')).toBe('prod');
  });

  it('takes --environment=<name>, the spelling `nx run` passes on', () => {
    expect(selectEnvironment(['--environment=prod'], 'dev')).toBe('prod');
    expect(() => selectEnvironment(['--environment=qa'], 'dev')).toThrow('unknown environment "qa" (--environment)');
  });

  it('refuses an unknown environment in one line naming the value and where it came from', () => {
    expect(() => selectEnvironment(['--env=staging'], 'dev')).toThrow(
      /^unknown environment "staging" \(--env\): expected one of dev, prod, the files in \S+$/,
    );
  });

  it('refuses a DEPLOY_ENV that is not a file name', () => {
    expect(() => selectEnvironment([], '../etc')).toThrow('unknown environment "../etc" (DEPLOY_ENV)');
  });
});

describe('withoutEnvArgument', () => {
  it('keeps every other argument in order', () => {
    expect(withoutEnvArgument(['--auto-approve', '--env=prod', '-x', '--env', 'dev', '--environment=qa', 'y'])).toEqual(
      ['--auto-approve', '-x', 'y'],
    );
  });
});
