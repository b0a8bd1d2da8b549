module.exports = {
  displayName: 'infra',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/infra',
  setupFilesAfterEnv: ['<rootDir>/src/testing/setup-jest.ts'],
  // Removes the temp folders cdktf's Testing helpers and our fixtures leave in /tmp.
  globalSetup: '<rootDir>/../../libs/terraform-toolbox/src/testing/global-setup.cjs',
  globalTeardown: '<rootDir>/../../libs/terraform-toolbox/src/testing/global-teardown.cjs',
  // The plan rehearsal runs the real terraform.
  testTimeout: 300_000,
};
