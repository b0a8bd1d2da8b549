// Not named jest.config.*: these browser tests run as the `e2e` target, not as unit `test`.
module.exports = {
  displayName: 'webapp-e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  // One cluster and one browser at a time on a 2-core machine.
  maxWorkers: 1,
  testTimeout: 120_000,
};
