// The storage contracts against real AWS (nx run storage:contract-aws): only *.aws-spec.ts, never part of npm test.
module.exports = {
  displayName: 'storage-aws',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.aws-spec.ts'],
  // Fails the run before any test, naming each missing CONTRACT_* variable.
  globalSetup: '<rootDir>/src/contract/aws-global-setup.ts',
  // Creating a table on AWS takes seconds to a minute.
  testTimeout: 180_000,
  // One file at a time: the run creates and deletes real tables.
  maxWorkers: 1,
};
