/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // .tsx (the card and its tests) goes through the same @swc/jest transform; .swcrc turns on the automatic JSX runtime.
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  // @hubspot/ui-extensions and its spy library tinyspy ship ESM only; jest runs CommonJS here, so they are compiled too.
  transformIgnorePatterns: ['/node_modules/(?!(@hubspot/ui-extensions|tinyspy)/)'],
  testTimeout: 30000,
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
  // One embedded PostgreSQL per run (test/support/postgres-cluster.ts); each file gets its own database in it.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};
