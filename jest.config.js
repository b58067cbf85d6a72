/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  testTimeout: 30000,
  setupFilesAfterEnv: ['<rootDir>/test/support/jest-setup.ts'],
};
