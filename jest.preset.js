// Shared Jest settings: SWC transpiles TypeScript (no type-check in tests: `typecheck` does that),
// and Nx's resolver maps the tsconfig path aliases (`@ha-uploads/config`).
const nxPreset = require('@nx/jest/preset').default;
const { INTEGRATION_PATTERNS } = require('./jest.integration');

// Every test file loads the AWS SDK afresh, and on Node 20 each would print the SDK's Node-support warning; the
// workers and the processes tests start inherit this. (The README's Known limits says what the warning means.)
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Unit specs only: the long ones belong to the `integration` target (jest.integration.js).
  testPathIgnorePatterns: ['/node_modules/', ...INTEGRATION_PATTERNS],
  coverageReporters: ['text-summary', 'html'],
};
