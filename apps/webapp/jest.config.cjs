module.exports = {
  displayName: 'webapp',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/webapp',
  // Integration specs start real local servers (local DynamoDB and S3); give them room on a 2-core machine.
  testTimeout: 60_000,
};
