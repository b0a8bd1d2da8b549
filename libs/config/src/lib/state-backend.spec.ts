import { parseDeploymentConfig } from './deployment-config';
import { MINIMAL_DEPLOYMENT } from '../testing/config-problems';

const minimal = MINIMAL_DEPLOYMENT;

describe('stateBucket', () => {
  it('keeps state local when unset', () => {
    const config = parseDeploymentConfig(minimal);
    expect(config.stateBucket).toBeUndefined();
    expect(config.stateKey).toBeUndefined();
  });

  it('accepts a bucket and a key', () => {
    const config = parseDeploymentConfig({
      ...minimal,
      stateBucket: 'acme-ha-uploads-state',
      stateKey: 'teams/web/dev.tfstate',
    });
    expect(config).toMatchObject({ stateBucket: 'acme-ha-uploads-state', stateKey: 'teams/web/dev.tfstate' });
  });

  it.each([
    ['uppercase letters', 'Acme-State'],
    ['too short a name', 'ab'],
    ['a trailing hyphen', 'acme-state-'],
    ['underscores', 'acme_state'],
    ['an IP-like dotted name', '192.168.1.1'],
    ['a reserved prefix', 'xn--acme'],
    ['a reserved suffix', 'acme-s3alias'],
  ])('refuses %s and shows the value', (_why, name) => {
    expect(() => parseDeploymentConfig({ ...minimal, stateBucket: name })).toThrow(`stateBucket: must `);
    expect(() => parseDeploymentConfig({ ...minimal, stateBucket: name })).toThrow(`got ${JSON.stringify(name)}`);
  });

  it('refuses a key without a bucket', () => {
    expect(() => parseDeploymentConfig({ ...minimal, stateKey: 'x.tfstate' })).toThrow(
      'stateBucket: required when stateKey is set, got nothing',
    );
  });

  it('refuses a key that starts with a slash', () => {
    expect(() => parseDeploymentConfig({ ...minimal, stateBucket: 'acme-state', stateKey: '/x.tfstate' })).toThrow(
      'stateKey: must not start or end with a slash, got "/x.tfstate"',
    );
  });
});
