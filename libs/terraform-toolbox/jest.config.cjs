module.exports = {
  displayName: 'terraform-toolbox',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/terraform-toolbox',
  // Removes the temp folders the specs leave in /tmp.
  globalSetup: '<rootDir>/src/testing/global-setup.cjs',
  globalTeardown: '<rootDir>/src/testing/global-teardown.cjs',
  // The export and plan specs run the real terraform.
  testTimeout: 300_000,
};
