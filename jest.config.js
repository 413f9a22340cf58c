/**
 * One jest configuration for unit specs (beside the code, or under test/unit/ when they use the
 * test support servers and fixtures, which code under src/ may not import) and e2e specs (test/).
 */
const moduleNameMapper = {
  '^@preclear/rules-engine$': '<rootDir>/libs/rules-engine/src',
  '^@preclear/rules-engine/(.*)$': '<rootDir>/libs/rules-engine/src/$1',
};

/**
 * oauth4webapi ships only as an ES module. Node >= 20.19 loads it from the compiled CommonJS
 * app (require of ESM); jest's own module system does not, so its file is compiled too.
 */
const transform = {
  '^.+\\.ts$': ['ts-jest', {}],
  '^.+/node_modules/oauth4webapi/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true }, diagnostics: false }],
};
const transformIgnorePatterns = ['/node_modules/(?!oauth4webapi/)'];

module.exports = {
  // Generous: two apps and a browser start in some suites' setup, and a CI machine may be busy.
  testTimeout: 120000,
  // Two workers on the two cores: most of an e2e spec's time is waiting on Postgres, Redis or the
  // browser, and every spec file works in its own workspaces, so files may run side by side.
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/jurisdictions/**/*.spec.ts',
        '<rootDir>/test/unit/**/*.spec.ts',
      ],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
