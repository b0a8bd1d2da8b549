import { UsageError } from '@ha-uploads/process';
import { assertEnvironmentName, environmentNames } from './environment-name';

describe('assertEnvironmentName', () => {
  it('accepts an environment that has a file', () => {
    expect(assertEnvironmentName('dev', '--env')).toBe('dev');
  });

  it('rejects a name with no environment file in one line that names the value and the choices', () => {
    expect(() => assertEnvironmentName('no-such-env', '--env')).toThrow(
      /^--env: must name an environment file in apps\/infra\/environments \(.*dev.*\), got "no-such-env"$/,
    );
  });

  it('refuses a bad flag as a usage error (exit 2), a bad DEPLOY_ENV as bad configuration (exit 1)', () => {
    expect(() => assertEnvironmentName('nope', '--env')).toThrow(UsageError);
    expect(() => assertEnvironmentName('nope', 'DEPLOY_ENV')).not.toThrow(UsageError);
  });

  it('rejects a path that would leave the environments folder', () => {
    expect(() => assertEnvironmentName('../dev', 'DEPLOY_ENV')).toThrow('DEPLOY_ENV: must name an environment file');
  });
});

describe('environmentNames', () => {
  it('lists the environment files without their extension', () => {
    expect(environmentNames()).toEqual(expect.arrayContaining(['dev', 'prod']));
  });
});
