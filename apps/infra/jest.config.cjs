module.exports = {
  displayName: 'infra',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/infra',
  // The plan rehearsal runs the real terraform.
  testTimeout: 300_000,
};
