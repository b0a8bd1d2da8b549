import { UsageError } from '@ha-uploads/process';
import { selectEnvironment, splitEnvironmentArguments, UnknownEnvironmentError } from './select-environment';

describe('selectEnvironment', () => {
  it('takes DEPLOY_ENV when no --env is given', () => {
    expect(selectEnvironment({}, 'prod')).toBe('prod');
  });

  it('lets --env=<name> win over DEPLOY_ENV', () => {
    expect(selectEnvironment({ env: 'prod' }, 'dev')).toBe('prod');
  });

  it('takes --environment=<name>, the spelling `nx run` passes on', () => {
    expect(selectEnvironment({ environment: 'prod' }, 'dev')).toBe('prod');
    expect(() => selectEnvironment({ environment: 'qa' }, 'dev')).toThrow('unknown environment "qa" (--environment)');
  });

  it('refuses an unknown environment flag as a usage error in one line naming the value and the flag', () => {
    expect(() => selectEnvironment({ env: 'staging' }, 'dev')).toThrow(UsageError);
    expect(() => selectEnvironment({ env: 'staging' }, 'dev')).toThrow(
      /^unknown environment "staging" \(--env\): expected one of dev, prod, the files in \S+$/,
    );
  });

  it('refuses a DEPLOY_ENV that is not a file name', () => {
    expect(() => selectEnvironment({}, '../etc')).toThrow(UnknownEnvironmentError);
    expect(() => selectEnvironment({}, '../etc')).toThrow('unknown environment "../etc" (DEPLOY_ENV)');
  });
});

describe('splitEnvironmentArguments', () => {
  it('keeps every other argument in order', () => {
    expect(
      splitEnvironmentArguments(['--auto-approve', '--env=prod', '-x', '--env', 'dev', '--environment=qa', 'y']).rest,
    ).toEqual(['--auto-approve', '-x', 'y']);
  });

  it('takes the environment flags with their values, and --help', () => {
    expect(splitEnvironmentArguments(['--auto-approve', '--env', 'dev', '--help', '--environment=qa']).own).toEqual([
      '--env',
      'dev',
      '--help',
      '--environment=qa',
    ]);
  });
});
