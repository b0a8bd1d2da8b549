// Shared Jest settings: SWC transpiles TypeScript (no type-check in tests: `typecheck` does that),
// and Nx's resolver maps the tsconfig path aliases (`@ha-uploads/config`).
const nxPreset = require('@nx/jest/preset').default;

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
  coverageReporters: ['text-summary', 'html'],
};
