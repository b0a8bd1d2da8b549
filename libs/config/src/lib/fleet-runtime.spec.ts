import { ConfigError } from './config-error';
import { parseDeploymentConfig } from './deployment-config';
import { BUNDLE_NODE_TARGET } from './fleet-runtime';
import { MINIMAL_DEPLOYMENT } from '../testing/config-problems';

const minimal = MINIMAL_DEPLOYMENT;

describe('nodeMajorVersion', () => {
  it('defaults to 22, the nodejs22 of Amazon Linux 2023', () => {
    expect(parseDeploymentConfig(minimal).nodeMajorVersion).toBe(22);
  });

  it('accepts 24', () => {
    expect(parseDeploymentConfig({ ...minimal, nodeMajorVersion: 24 }).nodeMajorVersion).toBe(24);
  });

  it('refuses 20 and says why', () => {
    // WHEN
    const parsing = () => parseDeploymentConfig({ ...minimal, nodeMajorVersion: 20 });
    // THEN
    expect(parsing).toThrow(ConfigError);
    expect(parsing).toThrow(
      'nodeMajorVersion: must be 22 or 24: Node 20 is past its end of life (Node 20 ended in April 2026)',
    );
  });

  it('refuses a version Amazon Linux does not ship', () => {
    expect(() => parseDeploymentConfig({ ...minimal, nodeMajorVersion: 23 })).toThrow(
      'nodeMajorVersion: must be 22 or 24: Amazon Linux 2023 ships only nodejs22 and nodejs24',
    );
  });
});

describe('BUNDLE_NODE_TARGET', () => {
  it('is the oldest Node the fleet may run', () => {
    expect(BUNDLE_NODE_TARGET).toBe('node22');
  });
});
