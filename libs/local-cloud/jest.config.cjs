module.exports = {
  displayName: 'local-cloud',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/local-cloud',
  // Integration specs start real local servers and webapp instances; give them room on a 2-core machine.
  testTimeout: 60_000,
};
