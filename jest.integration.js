// Specs that start real servers or processes run under each project's `integration` target rather than `test`, so
// that `nx affected -t test` stays fast for unit work; `npm test` runs both.
const INTEGRATION_PATTERNS = ['\\.integration\\.spec\\.ts$', '/src/reliability/'];

/** The `integration` target's Jest config, made from a project's unit config: only the specs `test` leaves out. */
function integrationConfig(unitConfig) {
  const ignored = (unitConfig.testPathIgnorePatterns ?? ['/node_modules/']).filter(
    (p) => !INTEGRATION_PATTERNS.includes(p),
  );
  return {
    ...unitConfig,
    testMatch: ['<rootDir>/src/**/*.integration.spec.ts', '<rootDir>/src/reliability/**/*.spec.ts'],
    testPathIgnorePatterns: ignored,
  };
}

module.exports = { INTEGRATION_PATTERNS, integrationConfig };
