module.exports = {
  displayName: 'infra',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/infra',
  setupFilesAfterEnv: ['<rootDir>/src/testing/setup-jest.ts'],
  // The plan rehearsal runs the real terraform.
  testTimeout: 300_000,
};
