const { INTEGRATION_PATTERNS } = require('../../jest.integration');

module.exports = {
  displayName: 'storage',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/storage',
  // Integration specs start real local servers (local DynamoDB and S3); give them room on a 2-core machine.
  testTimeout: 60_000,
  // The AWS runs of the contracts belong to storage:contract-aws (jest.aws.config.cjs) only.
  testPathIgnorePatterns: ['/node_modules/', ...INTEGRATION_PATTERNS, '\\.aws-spec\\.ts$'],
};
