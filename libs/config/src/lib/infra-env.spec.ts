import { ConfigError } from './config-error';
import { loadInfraEnv } from './infra-env';

describe('loadInfraEnv', () => {
  it('deploys dev by default and leaves the optional paths unset', () => {
    expect(loadInfraEnv({})).toEqual({
      deployEnv: 'dev',
      webappBundleDir: undefined,
      providerMirror: undefined,
      pluginCacheDir: undefined,
      planOutdir: undefined,
    });
  });

  it('reads every variable', () => {
    expect(
      loadInfraEnv({
        DEPLOY_ENV: 'prod',
        WEBAPP_BUNDLE_DIR: '/b',
        TF_PROVIDER_MIRROR: '/m',
        TF_PLUGIN_CACHE_DIR: '/c',
        INFRA_PLAN_OUTDIR: '/o',
      }),
    ).toEqual({
      deployEnv: 'prod',
      webappBundleDir: '/b',
      providerMirror: '/m',
      pluginCacheDir: '/c',
      planOutdir: '/o',
    });
  });

  it('names a DEPLOY_ENV that is not an environment file name', () => {
    expect(() => loadInfraEnv({ DEPLOY_ENV: '../etc' })).toThrow(ConfigError);
    expect(() => loadInfraEnv({ DEPLOY_ENV: '../etc' })).toThrow(
      'DEPLOY_ENV: must name an environment file such as dev, got "../etc"',
    );
  });
});
