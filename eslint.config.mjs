import nx from '@nx/eslint-plugin';
import prettierRecommended from 'eslint-plugin-prettier/recommended';

/**
 * Module boundaries: `scope:*` keeps each app to its own code plus shared libs, and production code away from the
 * stand-ins (`scope:local`: the local cloud and local AWS) and the bench (`scope:bench`); only specs and test helpers
 * may drive the local cloud.
 * `type:*` keeps the layering, which only points inward:
 * app -> feature -> data-access (AWS adapters) -> domain (rules, ports, errors) -> util/types.
 * The domain may not import HTTP, storage or AWS packages at all.
 */
const DOMAIN_BANNED_PACKAGES = [
  'koa',
  '@koa/*',
  'koa-*',
  'multer',
  '@aws-sdk/*',
  '@smithy/*',
  'nunjucks',
  'pino',
  'http-proxy-3',
  'dynalite',
  's3rver',
];
const depConstraints = [
  { sourceTag: 'scope:webapp', onlyDependOnLibsWithTags: ['scope:webapp', 'scope:shared'] },
  { sourceTag: 'scope:local', onlyDependOnLibsWithTags: ['scope:local', 'scope:webapp', 'scope:shared'] },
  { sourceTag: 'scope:bench', onlyDependOnLibsWithTags: ['scope:local', 'scope:webapp', 'scope:shared'] },
  { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:infra', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:util', 'type:types'],
  },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util', 'type:types'] },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:util', 'type:types'],
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:util', 'type:types'],
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:types'],
    bannedExternalImports: DOMAIN_BANNED_PACKAGES,
  },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:types'] },
  { sourceTag: 'type:types', onlyDependOnLibsWithTags: ['type:types'] },
];

// Specs and test helpers run the webapp against the local cloud, so they alone may import `scope:local`.
const TEST_FILES = ['**/*.spec.ts', '**/testing.ts', '**/testing/**/*.ts', '**/contract/**/*.ts'];
const testDepConstraints = depConstraints.map((c) =>
  c.sourceTag === 'scope:webapp'
    ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'scope:local'] }
    : c,
);
const moduleBoundaries = (constraints) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    // Configs may reach the root's eslint config and shared Jest helpers.
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^(\\.\\./)+jest\\.integration$'],
    depConstraints: constraints,
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/cdktf.out',
      '**/.data',
      '**/coverage',
      '**/node_modules',
      '**/.nx',
      '**/test-results',
      '**/bench-results',
    ],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(depConstraints),
      // The barrel loads every generated resource class: about 6x slower synth and 7x the memory.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@cdktf/provider-aws',
              message: "Import the resource from its own module, e.g. '@cdktf/provider-aws/lib/lb'.",
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(testDepConstraints) },
  },
  {
    files: ['**/*.cjs', '**/jest.preset.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Formatting is Prettier's (.prettierrc.json: 120 columns); lint fails on any file it would change.
  prettierRecommended,
  {
    // Prettier does not break comments or long literals: comments keep the same 120 columns; a string, template or
    // regular expression may run over rather than be split.
    files: ['**/*.ts', '**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: {
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
];
