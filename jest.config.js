/** One jest run over every workspace; sources run through SWC (decorators + metadata for Nest). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  roots: ['<rootDir>/libs', '<rootDir>/plugins', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Workspaces resolve to their sources so tests need no build step.
  moduleNameMapper: {
    '^@keystone-ts/plugin-sdk$': '<rootDir>/libs/plugin-sdk/src',
    '^@keystone-ts/plugin-sdk/(.*)$': '<rootDir>/libs/plugin-sdk/src/$1',
    '^@keystone-ts/plugin-([a-z0-9-]+)$': '<rootDir>/plugins/$1/src',
    '^@keystone-ts/([a-z0-9-]+)$': '<rootDir>/libs/$1/src',
  },
  testTimeout: 30000,
};
