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
  // Nest 12 ships ES modules; jest (on Node 20) loads CommonJS only, so SWC
  // converts them. Everything else in node_modules is loaded untouched.
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|cookie)/)'],
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
  setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
  testTimeout: 60000,
};
