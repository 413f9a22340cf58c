/** One jest configuration for unit specs (beside the code) and e2e specs (test/). */
const moduleNameMapper = {
  '^@preclear/rules-engine$': '<rootDir>/libs/rules-engine/src',
  '^@preclear/rules-engine/(.*)$': '<rootDir>/libs/rules-engine/src/$1',
};

const transform = { '^.+\\.ts$': ['ts-jest', {}] };

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/jurisdictions/**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
